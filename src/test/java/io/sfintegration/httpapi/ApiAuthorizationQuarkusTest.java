package io.sfintegration.httpapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.sfintegration.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift API behind a real TokenReview and SubjectAccessReview: the mock API server answers them like an API
 * server with one RBAC grant would (alice may get /api/v1/drift, bob is a valid user without the grant, any other
 * token is unknown). Health and metrics stay open.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ApiAuthorizationQuarkusTest.Reviews.class)
@TestProfile(ApiAuthorizationQuarkusTest.Profile.class)
class ApiAuthorizationQuarkusTest {

    static final String ALICE_TOKEN = "token-of-alice";
    static final String BOB_TOKEN = "token-of-bob";

    /** Answers reviews from the request bodies, as the API server would with one ClusterRoleBinding for alice. */
    public static class Reviews implements Consumer<KubernetesServer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public void accept(KubernetesServer server) {
            server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
                JsonNode review = read(request.getUtf8Body());
                String user = switch (review.at("/spec/token").asText()) {
                    case ALICE_TOKEN -> "alice";
                    case BOB_TOKEN -> "bob";
                    default -> null;
                };
                return user == null
                        ? new TokenReviewBuilder().withNewStatus().withAuthenticated(false).withError("invalid token").endStatus().build()
                        : new TokenReviewBuilder().withNewStatus().withAuthenticated(true)
                        .withNewUser().withUsername(user).withGroups("system:authenticated").endUser().endStatus().build();
            }).always();
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(201, request -> {
                JsonNode review = read(request.getUtf8Body());
                boolean allowed = "alice".equals(review.at("/spec/user").asText())
                        && "/api/v1/drift".equals(review.at("/spec/nonResourceAttributes/path").asText())
                        && "get".equals(review.at("/spec/nonResourceAttributes/verb").asText());
                return new SubjectAccessReviewBuilder().withNewStatus().withAllowed(allowed).endStatus().build();
            }).always();
        }

        private static JsonNode read(String body) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.enable-ssa", "false");
        }
    }

    @TestHTTPResource("/api/v1/drift")
    URL drift;

    @TestHTTPResource("/q/health")
    URL health;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = get(drift, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void unknownTokenIsUnauthorized() throws Exception {
        assertThat(get(drift, "not-a-token").statusCode()).isEqualTo(401);
        assertThat(get(drift, "").statusCode()).isEqualTo(401);
    }

    @Test
    void validTokenWithoutTheGrantIsForbidden() throws Exception {
        HttpResponse<String> response = get(drift, BOB_TOKEN);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain(BOB_TOKEN);
    }

    @Test
    void grantedTokenGetsTheReport() throws Exception {
        HttpResponse<String> response = get(drift, ALICE_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).has("driftedCount")).isTrue();
        // a second call is answered from the cached decision and is still allowed
        assertThat(get(drift, ALICE_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherPathUnderTheApiIsCheckedForItsOwnUrl() throws Exception {
        // alice's grant names /api/v1/drift only: the filter asks about the path requested, so she is refused here
        URL export = URI.create(drift.toString().replace("/api/v1/drift", "/api/v1/export")).toURL();
        assertThat(get(export, ALICE_TOKEN).statusCode()).isEqualTo(403);
        assertThat(get(export, null).statusCode()).isEqualTo(401);
    }

    @Test
    void tokensNeverReachTheLog() throws Exception {
        String unknown = "unknown-token-7f3a9c";
        try (LogCapture log = new LogCapture()) {
            get(drift, unknown);
            get(drift, BOB_TOKEN);
            get(drift, ALICE_TOKEN);
            assertThat(log.text()).doesNotContain(unknown, BOB_TOKEN, ALICE_TOKEN);
        }
    }

    @Test
    void healthAndMetricsStayOpen() throws Exception {
        assertThat(get(health, null).statusCode()).isIn(200, 503);
        HttpResponse<String> scrape = get(metrics, null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE");
    }

    private HttpResponse<String> get(URL url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.toURI()).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
