package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.AuthenticationException;
import io.sfintegration.salesforce.BudgetExhaustedException;
import io.sfintegration.salesforce.CredentialsException;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.sfintegration.salesforce.http.FakeSalesforce.JSON;
import static io.sfintegration.salesforce.http.FakeSalesforce.Response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's mechanics against a scripted server: token refresh, retries, circuit, budget, paging, collections. */
@EnableKubernetesMockClient(crud = true)
class RestClientMechanicsTest {

    static KubernetesClient kubernetes;

    private static final ResilienceSettings FAST = ResilienceSettings.defaults()
            .withRetry(3, Duration.ofMillis(1), Duration.ofMillis(5))
            .withCircuitBreaker(50f, 4, 4, Duration.ofMillis(300), 1)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));

    private FakeSalesforce fake;
    private SimpleMeterRegistry meters;
    private SalesforceClientProvider provider;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSalesforce();
        meters = new SimpleMeterRegistry();
        provider = new SalesforceClientProvider(kubernetes, meters, FAST, TrustedUrls.withExtra(List.of(fake.baseUrl())));
        TestOrgs.secret(kubernetes, "static", Map.of("token", "00D000000000001!static-token-value"));
        TestOrgs.secret(kubernetes, "cc", Map.of("clientId", "the-client-id", "clientSecret", "the-client-secret"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private SalesforceOrg staticOrg(String name) {
        return TestOrgs.org(name, fake.baseUrl(), TestOrgs.staticToken("static"), 10);
    }

    private static Response describe() {
        return Response.json(200, "{\"name\":\"PermissionSet\",\"fields\":[{\"name\":\"PermissionsApiEnabled\",\"type\":\"boolean\",\"updateable\":true},"
                + "{\"name\":\"Name\",\"type\":\"string\",\"updateable\":true}]}");
    }

    @Test
    void clientCredentialsTokenIsReplacedOnceWhenRefused() {
        fake.api = r -> r.authorization().endsWith("!issued1")
                ? Response.json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")
                : describe();
        SalesforceClient client = provider.forOrg(TestOrgs.org("cc", fake.baseUrl(), TestOrgs.clientCredentials("cc"), 10));

        assertThat(client.availableUserPermissions()).containsExactly("ApiEnabled");
        assertThat(fake.tokenRequests).hasSize(2);
        assertThat(fake.tokenRequests.get(0).form()).contains("grant_type=client_credentials", "client_id=the-client-id");
        assertThat(fake.apiRequests).hasSize(2);
    }

    @Test
    void aRefusedStaticTokenFailsWithoutRetry() {
        fake.api = r -> Response.json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        SalesforceClient client = provider.forOrg(staticOrg("static"));

        assertThatThrownBy(client::availableUserPermissions).isInstanceOf(AuthenticationException.class);
        assertThat(fake.apiRequests).hasSize(1);
        assertThat(fake.tokenRequests).isEmpty();
    }

    @Test
    void aBadClientSecretIsAnAuthenticationFailure() {
        fake.token = r -> Response.json(400, "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
        SalesforceClient client = provider.forOrg(TestOrgs.org("cc", fake.baseUrl(), TestOrgs.clientCredentials("cc"), 10));

        assertThatThrownBy(client::availableUserPermissions).isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).oauthError()).isEqualTo("invalid_client"));
        assertThat(fake.apiRequests).isEmpty();
    }

    @Test
    void jwtAssertionsAreSignedWithEitherPemFormat() throws Exception {
        KeyPair pair = TestOrgs.rsaKeyPair();
        for (String pem : List.of(TestOrgs.pkcs8Pem(pair), TestOrgs.pkcs1Pem(pair))) {
            fake.tokenRequests.clear();
            TestOrgs.secret(kubernetes, "jwt", Map.of("privateKey", pem));
            SalesforceOrg org = TestOrgs.org("jwt", fake.baseUrl(), TestOrgs.jwt("consumer-key", "ops@example.com", "jwt"), 10);
            org.getSpec().setLoginUrl(fake.baseUrl() + "/");
            fake.api = r -> describe();
            provider.forget(org);
            provider.forOrg(org).availableUserPermissions();

            String form = fake.tokenRequests.get(0).form();
            assertThat(form).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
            String assertion = URLDecoder.decode(form.substring(form.indexOf("assertion=") + 10), StandardCharsets.UTF_8);
            SignedJWT jwt = SignedJWT.parse(assertion);
            assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo("consumer-key");
            assertThat(claims.getSubject()).isEqualTo("ops@example.com");
            assertThat(claims.getAudience()).containsExactly(fake.baseUrl());
            assertThat(claims.getExpirationTime().toInstant()).isBetween(Instant.now(), Instant.now().plusSeconds(181));
        }
    }

    @Test
    void missingOrUnreadableCredentialsAreReported() {
        assertThatThrownBy(() -> provider.forOrg(TestOrgs.org("x", fake.baseUrl(), TestOrgs.staticToken("nope"), 10)))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("nope").hasMessageContaining("token")
                .satisfies(e -> assertThat(((CredentialsException) e).reason()).isEqualTo("SecretNotFound"));
        TestOrgs.secret(kubernetes, "partial", Map.of("other", "x"));
        assertThatThrownBy(() -> provider.forOrg(TestOrgs.org("x", fake.baseUrl(), TestOrgs.staticToken("partial"), 10)))
                .satisfies(e -> assertThat(((CredentialsException) e).reason()).isEqualTo("SecretNotFound"));
        TestOrgs.secret(kubernetes, "badkey", Map.of("privateKey", "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n"));
        assertThatThrownBy(() -> provider.forOrg(TestOrgs.org("x", fake.baseUrl(), TestOrgs.jwt("c", "u@x.com", "badkey"), 10)))
                .isInstanceOf(CredentialsException.class)
                .satisfies(e -> assertThat(((CredentialsException) e).reason()).isEqualTo("InvalidCredentials"))
                .hasMessageNotContaining("not-a-key");
    }

    @Test
    void transientFailuresAreRetriedAndPermanentOnesAreNot() {
        AtomicInteger calls = new AtomicInteger();
        fake.api = r -> calls.incrementAndGet() <= 2
                ? Response.json(503, "[{\"message\":\"down\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]") : describe();
        SalesforceClient client = provider.forOrg(staticOrg("static"));
        assertThat(client.availableUserPermissions()).containsExactly("ApiEnabled");
        assertThat(fake.apiRequests).hasSize(3);
        assertThat(meters.get(SalesforceMetrics.RETRIES).counter().count()).isEqualTo(2.0);

        fake.apiRequests.clear();
        fake.api = r -> Response.json(400, "[{\"message\":\"bad\",\"errorCode\":\"MALFORMED_QUERY\"}]");
        assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA"))
                .isInstanceOf(SalesforceException.class)
                .satisfies(e -> assertThat(((SalesforceException) e).retryable()).isFalse());
        assertThat(fake.apiRequests).hasSize(1);

        fake.apiRequests.clear();
        fake.api = r -> Response.json(403, "[{\"message\":\"limit\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
        assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA"))
                .satisfies(e -> assertThat(((SalesforceException) e).hasErrorCode("REQUEST_LIMIT_EXCEEDED")).isTrue());
        assertThat(fake.apiRequests).hasSize(1);
    }

    @Test
    void theCircuitOpensOnTransientFailuresAndClosesAfterASuccess() throws Exception {
        fake.api = r -> Response.json(503, "[{\"message\":\"down\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]");
        SalesforceClient client = provider.forOrg(staticOrg("static"));
        assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA")).isInstanceOf(SalesforceException.class);
        assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA")).isInstanceOf(SalesforceException.class);
        int sent = fake.apiRequests.size();
        assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA")).isInstanceOf(CircuitOpenException.class);
        assertThat(fake.apiRequests).hasSize(sent);
        assertThat(meters.get(SalesforceMetrics.CIRCUIT_STATE).gauge().value()).isEqualTo(1.0);

        fake.api = r -> Response.json(200, "{\"totalSize\":7,\"done\":true,\"records\":[]}");
        // the open circuit refuses calls until its wait is over (300 ms), then lets a trial call through
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .ignoreException(CircuitOpenException.class)
                .until(() -> client.countAssignments("0PS000000000001AAA") == 7);
        assertThat(meters.get(SalesforceMetrics.CIRCUIT_STATE).gauge().value()).isEqualTo(0.0);
    }

    @Test
    void permanentErrorsDoNotOpenTheCircuit() {
        fake.api = r -> Response.json(400, "[{\"message\":\"bad\",\"errorCode\":\"MALFORMED_QUERY\"}]");
        SalesforceClient client = provider.forOrg(staticOrg("static"));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA")).isNotInstanceOf(CircuitOpenException.class);
        }
        assertThat(fake.apiRequests).hasSize(10);
    }

    @Test
    void backgroundWorkStopsAtTheBudgetWhileUserRequestsGoOn() {
        fake.api = r -> {
            if (r.path().endsWith("/limits")) {
                return new Response(200, "{\"DailyApiRequests\":{\"Max\":100,\"Remaining\":5}}", "api-usage=95/100");
            }
            return new Response(200, "{\"totalSize\":1,\"done\":true,\"records\":[]}", "api-usage=96/100");
        };
        SalesforceClient client = provider.forOrg(staticOrg("static"));
        assertThatThrownBy(() -> client.background().countAssignments("0PS000000000001AAA"))
                .isInstanceOf(BudgetExhaustedException.class).hasMessageContaining("5 of 100");
        assertThat(fake.apiRequests).extracting(FakeSalesforce.Request::path).containsExactly("/services/data/v62.0/limits");
        assertThat(client.countAssignments("0PS000000000001AAA")).isEqualTo(1);
        assertThat(client.lastKnownApiLimit().used()).isEqualTo(96);
        assertThat(meters.get(SalesforceMetrics.USAGE_USED).gauge().value()).isEqualTo(96.0);
    }

    @Test
    void backgroundWorkStopsWhenTheOperatorsOwnShareIsUsed() {
        fake.api = r -> new Response(200, "{\"totalSize\":1,\"done\":true,\"records\":[]}", "api-usage=10/100");
        SalesforceClient client = provider.forOrg(TestOrgs.org("budget", fake.baseUrl(), TestOrgs.staticToken("static"), 5));
        // the first background call reads /limits once (usage unknown): 1 + 4 calls use the share of 5
        for (int i = 0; i < 4; i++) {
            client.background().countAssignments("0PS000000000001AAA");
        }
        assertThatThrownBy(() -> client.background().countAssignments("0PS000000000001AAA"))
                .isInstanceOf(BudgetExhaustedException.class).hasMessageContaining("share is 5");
        assertThat(fake.apiRequests).hasSize(5);
        assertThat(meters.get(SalesforceMetrics.BUDGET_REMAINING).gauge().value()).isEqualTo(0.0);
    }

    @Test
    void lookupsCombineQueriesInOneCompositeAndFollowPages() {
        String user1 = "{\"attributes\":{\"type\":\"User\"},\"Id\":\"005000000000002AAA\",\"Username\":\"a@x.com\",\"IsActive\":true,"
                + "\"Profile\":{\"Name\":\"P\",\"UserLicense\":{\"Name\":\"Salesforce Integration\"}}}";
        String user2 = user1.replace("0000002", "0000003").replace("a@x.com", "B@x.com");
        fake.api = r -> {
            if (r.path().endsWith("/composite")) {
                ArrayNode results = JSON.createArrayNode();
                int i = 0;
                for (JsonNode sub : r.body().path("compositeRequest")) {
                    ObjectNode res = results.addObject();
                    res.put("referenceId", sub.path("referenceId").asText()).put("httpStatusCode", 200);
                    String body = i++ == 0
                            ? "{\"totalSize\":2,\"done\":false,\"nextRecordsUrl\":\"/services/data/v62.0/query/01g-2000\",\"records\":[" + user1 + "]}"
                            : "{\"totalSize\":0,\"done\":true,\"records\":[]}";
                    try {
                        res.set("body", JSON.readTree(body));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return Response.json(200, "{\"compositeResponse\":" + results + "}");
            }
            if (r.path().endsWith("/query/01g-2000")) {
                return Response.json(200, "{\"totalSize\":2,\"done\":true,\"records\":[" + user2 + "]}");
            }
            return Response.json(404, "[]");
        };
        SalesforceClient client = provider.forOrg(staticOrg("static"));
        Map<String, UserState> users = client.findUsersByUsername(List.of("a@x.com", "b@x.com", "a' OR Name != '"));

        assertThat(users).containsOnlyKeys("a@x.com", "b@x.com");
        assertThat(users.get("a@x.com").user().userLicenseName()).isEqualTo("Salesforce Integration");
        assertThat(fake.apiRequests).hasSize(2);
        assertThat(client.apiCallsMade()).isEqualTo(2);
        JsonNode subrequests = fake.apiRequests.get(0).body().path("compositeRequest");
        assertThat(subrequests).hasSize(4);
        String soql = URLDecoder.decode(subrequests.get(0).path("url").asText().replaceFirst(".*q=", ""), StandardCharsets.UTF_8);
        assertThat(soql).endsWith("WHERE Username IN ('a@x.com','b@x.com','a\\' OR Name != \\'')");
        assertThat(meters.get(SalesforceMetrics.CALLS).tag("resource", "composite").counter().count()).isEqualTo(1.0);
    }

    @Test
    void collectionsReportPartialFailuresAndResendLockedRecords() {
        AtomicInteger calls = new AtomicInteger();
        fake.api = r -> {
            if (calls.incrementAndGet() == 1) {
                return Response.json(200, "[{\"id\":\"0Pa000000000001AAA\",\"success\":true,\"errors\":[]},"
                        + "{\"success\":false,\"errors\":[{\"statusCode\":\"DUPLICATE_VALUE\",\"message\":\"dup\",\"fields\":[]}]},"
                        + "{\"success\":false,\"errors\":[{\"statusCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"locked\",\"fields\":[]}]}]");
            }
            return Response.json(200, "[{\"id\":\"0Pa000000000003AAA\",\"success\":true,\"errors\":[]}]");
        };
        SalesforceClient client = provider.forOrg(staticOrg("static"));
        List<SaveResult> results = client.assignPermissionSets(List.of(
                new NewAssignment("005000000000001AAA", "0PS000000000001AAA"),
                new NewAssignment("005000000000002AAA", "0PS000000000001AAA"),
                new NewAssignment("005000000000003AAA", "0PS000000000001AAA")));

        assertThat(results).extracting(SaveResult::success).containsExactly(true, false, true);
        assertThat(results.get(1).hasErrorCode("DUPLICATE_VALUE")).isTrue();
        assertThat(results.get(2).id()).isEqualTo("0Pa000000000003AAA");
        assertThat(fake.apiRequests).hasSize(2);
        assertThat(fake.apiRequests.get(1).body().path("records")).hasSize(1);
        assertThat(fake.apiRequests.get(1).body().path("records").get(0).path("AssigneeId").asText()).isEqualTo("005000000000003AAA");
        assertThat(fake.apiRequests.get(0).body().path("allOrNone").asBoolean()).isFalse();
    }

    @Test
    void theStaticTokenFlowAsksUserinfoForTheOperatorsId() {
        fake.api = r -> Response.json(200, "{\"compositeResponse\":[{\"referenceId\":\"q0\",\"httpStatusCode\":200,"
                + "\"body\":{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"00D000000000001AAA\",\"Name\":\"Acme\"}]}}]}");
        SalesforceClient client = provider.forOrg(staticOrg("static"));
        var snapshot = client.describeOrg(List.of(), List.of());
        assertThat(snapshot.orgId()).isEqualTo("00D000000000001AAA");
        assertThat(snapshot.operatorUserId()).isEqualTo(FakeSalesforce.OPERATOR_ID);
        assertThat(fake.apiRequests).hasSize(1);
    }

    @Test
    void theProviderReusesClientsUntilASecretChanges() {
        SalesforceOrg org = staticOrg("static");
        SalesforceClient first = provider.forOrg(org);
        assertThat(provider.forOrg(org)).isSameAs(first);
        TestOrgs.secret(kubernetes, "static", Map.of("token", "00D000000000001!rotated"));
        assertThat(provider.forOrg(org)).isNotSameAs(first);
        provider.forget(org);
        assertThat(meters.find(SalesforceMetrics.CIRCUIT_STATE).gauges()).isEmpty();
    }
}
