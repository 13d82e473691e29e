package io.sfintegration.emulator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jsforce (npm), a real Salesforce client from another ecosystem, against the emulator: collections (create, retrieve,
 * update, delete), query paging, queryMore, queryAll, single CRUD, describe, limits, identity, the 401 path and a 401
 * answered by a refresh token grant (src/test/js/emulator-jsforce.test.mjs). .ci/run installs jsforce with npm ci.
 */
class JsforceCompatibilityTest {

    private static final Path JS_DIR = Path.of("src/test/js");
    private static final Path SCRIPT = JS_DIR.resolve("emulator-jsforce.test.mjs");

    @Test
    void jsforceDrivesTheEmulator() throws IOException, InterruptedException {
        if (!nodeAvailable() || !Files.isDirectory(JS_DIR.resolve("node_modules/jsforce"))) {
            // printed, not only reported as skipped: CI output must show that jsforce did not run
            System.out.println("SKIPPED JsforceCompatibilityTest: node or jsforce is not installed (.ci/run runs npm ci in src/test/js;"
                    + " npm may be unreachable)");
        }
        Assumptions.assumeTrue(nodeAvailable(), "node is not installed: skipping the jsforce compatibility test");
        Assumptions.assumeTrue(Files.isDirectory(JS_DIR.resolve("node_modules/jsforce")),
                "jsforce is not installed (run `npm ci` in src/test/js; npm may be unreachable): skipping the jsforce compatibility test");

        try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults())) {
            ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.getFileName().toString(), emulator.baseUrl())
                    .directory(JS_DIR.toFile()).redirectErrorStream(true);
            // the token goes through the environment so that it never shows on a command line
            var tokens = emulator.tokenReply(EmulatorSeed.ADMIN).body();
            builder.environment().put("EMULATOR_TOKEN", tokens.path("access_token").asText());
            builder.environment().put("EMULATOR_REFRESH_TOKEN", tokens.path("refresh_token").asText());
            builder.environment().put("EMULATOR_CLIENT_ID", EmulatorConfig.DEFAULT_CLIENT_ID);
            builder.environment().put("EMULATOR_CLIENT_SECRET", EmulatorConfig.DEFAULT_CLIENT_SECRET);
            Path log = Files.createTempFile("jsforce", ".log");
            builder.redirectOutput(log.toFile());
            Process process = builder.start();
            boolean finished = process.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            System.out.println(output);
            assertThat(finished).as("jsforce script finished within 120 s; output:\n" + output).isTrue();
            assertThat(process.exitValue()).as("jsforce script exit code; output:\n" + output).isZero();
            // the script checks each answer itself; this confirms it got to the end with the refresh path exercised
            assertThat(output).contains("jsforce against the emulator: OK").contains("token refreshed");
        }
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
