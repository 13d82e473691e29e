package io.sfintegration.local;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Ports and output directory of local mode. Defaults are fixed (so the README's commands and the sample org's
 * instanceUrl work as written) and each can be changed with a system property or environment variable:
 * sfio.local.kube-port / SFIO_LOCAL_KUBE_PORT, sfio.local.salesforce-port / SFIO_LOCAL_SALESFORCE_PORT,
 * sfio.local.http-port / SFIO_LOCAL_HTTP_PORT, sfio.local.dir / SFIO_LOCAL_DIR; sfio.local.seed / SFIO_LOCAL_SEED picks the
 * emulator's seed (default, brownfield, or a seed file).
 */
public record LocalSettings(int kubePort, int salesforcePort, int httpPort, Path dir, String seed) {

    public static final int DEFAULT_KUBE_PORT = 16443;
    public static final int DEFAULT_SALESFORCE_PORT = 17443;
    public static final int DEFAULT_HTTP_PORT = 18080;

    public static LocalSettings from(Map<String, String> env) {
        return new LocalSettings(
                port("sfio.local.kube-port", env, DEFAULT_KUBE_PORT),
                port("sfio.local.salesforce-port", env, DEFAULT_SALESFORCE_PORT),
                port("sfio.local.http-port", env, DEFAULT_HTTP_PORT),
                Path.of(value("sfio.local.dir", env, "target/local")),
                value("sfio.local.seed", env, "default"));
    }

    private static int port(String property, Map<String, String> env, int fallback) {
        return Integer.parseInt(value(property, env, String.valueOf(fallback)));
    }

    private static String value(String property, Map<String, String> env, String fallback) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = env.get(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
    }
}
