package io.sfintegration.salesforce.http;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.SalesforceClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.sfintegration.salesforce.http.FakeSalesforce.Response;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every authentication flow, including failures, with all logging switched on, and checks that no token,
 * client secret, private key or JWT assertion appears in the log records, stdout/stderr, exception messages,
 * toString()s or meters.
 */
@EnableKubernetesMockClient(crud = true)
class SecretLeakTest {

    static KubernetesClient kubernetes;

    @Test
    void credentialsNeverLeak() throws Exception {
        KeyPair pair = TestOrgs.rsaKeyPair();
        String pkcs8 = TestOrgs.pkcs8Pem(pair);
        String pkcs1 = TestOrgs.pkcs1Pem(pair);
        List<String> secrets = new ArrayList<>(List.of("static-token-value", "the-client-secret", "!issued", "eyJhbGciOiJSUzI1NiJ9",
                "not-a-key-but-secret"));
        secrets.add(pkcs8.split("\n")[3]);
        secrets.add(pkcs1.split("\n")[3]);

        List<String> captured = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder sb = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        sb.append(' ').append(p);
                    }
                }
                if (record.getThrown() != null) {
                    StringWriter w = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(w));
                    sb.append(w);
                }
                synchronized (captured) {
                    captured.add(sb.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        Logger ours = Logger.getLogger("io.sfintegration");
        Level oursLevel = ours.getLevel();
        root.addHandler(handler);
        ours.setLevel(Level.ALL);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true));
        System.setErr(new PrintStream(console, true));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<String> texts = new ArrayList<>();
        try (FakeSalesforce fake = new FakeSalesforce()) {
            SalesforceClientProvider provider = new SalesforceClientProvider(kubernetes, meters,
                    ResilienceSettings.defaults().withRetry(2, Duration.ofMillis(1), Duration.ofMillis(2)), TrustedUrls.withExtra(List.of(fake.baseUrl())));
            TestOrgs.secret(kubernetes, "static", Map.of("token", "00D000000000001!static-token-value"));
            TestOrgs.secret(kubernetes, "cc", Map.of("clientId", "cid", "clientSecret", "the-client-secret"));
            TestOrgs.secret(kubernetes, "k8", Map.of("privateKey", pkcs8));
            TestOrgs.secret(kubernetes, "k1", Map.of("privateKey", pkcs1));
            TestOrgs.secret(kubernetes, "bad", Map.of("privateKey", "-----BEGIN RSA PRIVATE KEY-----\nnot-a-key-but-secret\n-----END RSA PRIVATE KEY-----\n"));

            AtomicInteger n = new AtomicInteger();
            fake.api = r -> switch (n.incrementAndGet() % 4) {
                case 1 -> Response.json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
                case 2 -> Response.json(503, "[{\"message\":\"down\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]");
                default -> Response.json(200, "{\"totalSize\":1,\"done\":true,\"records\":[]}");
            };
            List<SalesforceOrg> orgs = List.of(
                    TestOrgs.org("s", fake.baseUrl(), TestOrgs.staticToken("static"), 10),
                    TestOrgs.org("c", fake.baseUrl(), TestOrgs.clientCredentials("cc"), 10),
                    TestOrgs.org("j8", fake.baseUrl(), TestOrgs.jwt("cid", "ops@example.com", "k8"), 10),
                    TestOrgs.org("j1", fake.baseUrl(), TestOrgs.jwt("cid", "ops@example.com", "k1"), 10),
                    TestOrgs.org("bad", fake.baseUrl(), TestOrgs.jwt("cid", "ops@example.com", "bad"), 10));
            for (SalesforceOrg org : orgs) {
                for (int i = 0; i < 3; i++) {
                    try {
                        SalesforceClient client = provider.forOrg(org);
                        texts.add(client.toString());
                        texts.add(client.background().toString());
                        client.countAssignments("0PS000000000001AAA");
                        client.describeOrg(List.of(), List.of());
                    } catch (RuntimeException e) {
                        StringWriter w = new StringWriter();
                        e.printStackTrace(new PrintWriter(w));
                        texts.add(w.toString());
                        texts.add(e.toString());
                    }
                }
            }
            fake.token = r -> Response.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"user hasn't approved this consumer\"}");
            for (SalesforceOrg org : orgs.subList(1, 4)) {
                provider.forget(org);
                try {
                    provider.forOrg(org).countAssignments("0PS000000000001AAA");
                } catch (RuntimeException e) {
                    texts.add(e.toString());
                }
            }
            texts.add(provider.toString());
        } finally {
            root.removeHandler(handler);
            root.setLevel(rootLevel);
            ours.setLevel(oursLevel);
            System.setOut(out);
            System.setErr(err);
        }
        for (Meter meter : meters.getMeters()) {
            texts.add(meter.getId().toString());
        }
        texts.add(console.toString());
        synchronized (captured) {
            texts.addAll(captured);
        }
        assertThat(captured).isNotEmpty();
        assertThat(String.join("\n", texts)).contains("INVALID_SESSION_ID");
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}
