package io.sfintegration.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator alone: {@code java -jar quarkus-run.jar emulator [--port N] [--seed default|brownfield|seed.json]}. Prints the base
 * URL and org id; the admin token goes to a file readable by its owner only, never to the terminal.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorConfig.Builder config = EmulatorConfig.builder().port(17443);
        Path tokenFile = Path.of("target", "emulator-token");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> config.port(Integer.parseInt(args[i + 1]));
                case "--seed" -> config.seed(EmulatorSeed.named(args[i + 1]));
                case "--token-file" -> tokenFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --port, --seed, --token-file)");
            }
        }
        SalesforceEmulator emulator = SalesforceEmulator.start(config.build());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stop.countDown();
        }));
        java.nio.file.Files.createDirectories(tokenFile.toAbsolutePath().getParent());
        java.nio.file.Files.writeString(tokenFile, emulator.issueAccessToken(emulator.adminUsername()) + "\n");
        try {
            java.nio.file.Files.setPosixFilePermissions(tokenFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        System.out.println("Salesforce emulator at " + emulator.baseUrl() + ", org " + emulator.orgId()
                + ", admin " + emulator.adminUsername() + "; an admin access token is in " + tokenFile.toAbsolutePath() + ". Ctrl-C stops.");
        stop.await();
    }
}
