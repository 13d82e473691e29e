package io.sfintegration.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Prints one line for every test that is skipped (an assumption failed, e.g. a tool such as node, npm or kubectl is
 * missing, or it is disabled), so the build log says what did not run and why. Surefire writes the tests' own
 * System.out and System.err to files ({@code redirectTestOutputToFile}), so the line goes to the forked JVM's native
 * standard error, which surefire copies to the build output. Registered for every test class through the JUnit
 * extension service file (META-INF/services; quarkus-junit-config's junit-platform.properties turns extension
 * autodetection on, so this project adds no properties file that would shadow it).
 */
public class SkipNotice implements TestWatcher {

    /** Opened once per JVM; never closed, like System.err itself. */
    private static final PrintStream NATIVE_ERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        print(context, cause == null ? "aborted" : cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        print(context, reason.orElse("disabled"));
    }

    static String line(String test, String reason) {
        return "[SKIPPED] " + test + ": " + reason;
    }

    private static void print(ExtensionContext context, String reason) {
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getTestMethod().map(m -> m.getName()).orElse("");
        NATIVE_ERR.println(line(test, reason));
    }
}
