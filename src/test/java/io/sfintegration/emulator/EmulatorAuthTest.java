package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sfintegration.emulator.EmulatorHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static io.sfintegration.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

/** OAuth flows, token lifecycle, userinfo and identity URL, through HTTP only. */
class EmulatorAuthTest {

    private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static KeyPair appKey;
    private static KeyPair otherKey;
    private static SalesforceEmulator emulator;

    @BeforeAll
    static void start() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        appKey = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
        emulator = SalesforceEmulator.start(EmulatorConfig.builder().jwtKey(appKey.getPublic()).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static EmulatorHttp anonymous() {
        return new EmulatorHttp(emulator.baseUrl(), null);
    }

    // ---- JWT bearer ----

    @Test
    void jwtBearerWithTheRegisteredKeyGivesAWorkingToken() throws JOSEException {
        Answer a = jwtToken(jwt(appKey.getPrivate(), EmulatorConfig.DEFAULT_CLIENT_ID, EmulatorSeed.ADMIN, emulator.baseUrl(), 300));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
        String token = a.body().path("access_token").asText();
        assertThat(token).matches("00D[A-Za-z0-9]{12}![A-Za-z0-9._]+");
        assertThat(token.substring(0, 15)).isEqualTo(emulator.orgId().substring(0, 15));
        assertThat(a.body().path("instance_url").asText()).isEqualTo(emulator.baseUrl());
        assertThat(a.body().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(a.body().has("refresh_token")).isFalse();
        assertThat(a.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(new EmulatorHttp(emulator.baseUrl(), token).get(V + "/limits").status()).isEqualTo(200);
    }

    @Test
    void jwtBearerAcceptsTheLoginAudience() throws JOSEException {
        Answer a = jwtToken(jwt(appKey.getPrivate(), EmulatorConfig.DEFAULT_CLIENT_ID, EmulatorSeed.ADMIN, "https://login.salesforce.com", 300));
        assertThat(a.status()).isEqualTo(200);
    }

    @Test
    void jwtSignedWithAnotherKeyIsRefused() throws JOSEException {
        assertOAuthError(jwtToken(jwt(otherKey.getPrivate(), EmulatorConfig.DEFAULT_CLIENT_ID, EmulatorSeed.ADMIN, emulator.baseUrl(), 300)),
                "invalid_grant");
    }

    @Test
    void jwtForAnotherAudienceIsRefused() throws JOSEException {
        Answer a = jwtToken(jwt(appKey.getPrivate(), EmulatorConfig.DEFAULT_CLIENT_ID, EmulatorSeed.ADMIN, "https://evil.example.com", 300));
        assertOAuthError(a, "invalid_grant");
        assertThat(a.body().path("error_description").asText()).contains("audience");
    }

    @Test
    void expiredJwtIsRefused() throws JOSEException {
        assertOAuthError(jwtToken(jwt(appKey.getPrivate(), EmulatorConfig.DEFAULT_CLIENT_ID, EmulatorSeed.ADMIN, emulator.baseUrl(), -60)),
                "invalid_grant");
    }

    @Test
    void jwtFromAnUnknownClientIsRefused() throws JOSEException {
        assertOAuthError(jwtToken(jwt(appKey.getPrivate(), "unknown-client", EmulatorSeed.ADMIN, emulator.baseUrl(), 300)), "invalid_client_id");
    }

    @Test
    void jwtForAnUnknownUserIsRefused() throws JOSEException {
        assertOAuthError(jwtToken(jwt(appKey.getPrivate(), EmulatorConfig.DEFAULT_CLIENT_ID, "nobody@example.com", emulator.baseUrl(), 300)),
                "invalid_grant");
    }

    @Test
    void garbageAssertionAndUnknownGrantAreRefused() {
        assertOAuthError(jwtToken("not.a.jwt"), "invalid_grant");
        assertOAuthError(anonymous().form("/services/oauth2/token", Map.of("grant_type", "password")), "unsupported_grant_type");
    }

    // ---- client credentials ----

    @Test
    void clientCredentialsRunAsTheConfiguredUser() {
        Answer a = anonymous().form("/services/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", EmulatorConfig.DEFAULT_CLIENT_ID, "client_secret", EmulatorConfig.DEFAULT_CLIENT_SECRET));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
        EmulatorHttp http = new EmulatorHttp(emulator.baseUrl(), a.body().path("access_token").asText());
        assertThat(http.get("/services/oauth2/userinfo").body().path("preferred_username").asText()).isEqualTo(EmulatorSeed.ADMIN);
    }

    @Test
    void clientCredentialsWithAWrongSecretOrClientAreRefused() {
        assertOAuthError(anonymous().form("/services/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", EmulatorConfig.DEFAULT_CLIENT_ID, "client_secret", "wrong")), "invalid_client");
        assertOAuthError(anonymous().form("/services/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", "nope", "client_secret", EmulatorConfig.DEFAULT_CLIENT_SECRET)), "invalid_client_id");
    }

    // ---- refresh, revoke, expiry ----

    @Test
    void refreshTokenGivesANewAccessTokenUntilRevoked() {
        Answer issued = anonymous().post("/__emulator/tokens", Map.of("username", EmulatorSeed.ADMIN));
        assertThat(issued.status()).isEqualTo(200);
        String refresh = issued.body().path("refresh_token").asText();
        assertThat(refresh).isNotBlank();

        Answer refreshed = anonymous().form("/services/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", EmulatorConfig.DEFAULT_CLIENT_ID));
        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
        String fresh = refreshed.body().path("access_token").asText();
        assertThat(fresh).isNotEqualTo(issued.body().path("access_token").asText());
        assertThat(refreshed.body().has("refresh_token")).as("Salesforce sends no new refresh token on refresh").isFalse();
        assertThat(new EmulatorHttp(emulator.baseUrl(), fresh).get(V + "/limits").status()).isEqualTo(200);

        assertThat(anonymous().form("/services/oauth2/revoke", Map.of("token", refresh)).status()).isEqualTo(200);
        assertOAuthError(anonymous().form("/services/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refresh)),
                "invalid_grant");
        // the access tokens issued with the revoked refresh token, and from it, go too
        assertInvalidSession(new EmulatorHttp(emulator.baseUrl(), issued.body().path("access_token").asText()).get(V + "/limits"));
        assertInvalidSession(new EmulatorHttp(emulator.baseUrl(), fresh).get(V + "/limits"));
    }

    @Test
    void revokedAccessTokenIsRefused() {
        String token = emulator.issueAccessToken(EmulatorSeed.SETUP_ADMIN);
        EmulatorHttp http = new EmulatorHttp(emulator.baseUrl(), token);
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
        assertThat(anonymous().form("/services/oauth2/revoke", Map.of("token", token)).status()).isEqualTo(200);
        assertInvalidSession(http.get(V + "/limits"));
        assertOAuthError(anonymous().form("/services/oauth2/revoke", Map.of("token", token)), "unsupported_token_type");
    }

    @Test
    void missingOrUnknownTokensGetInvalidSession() {
        assertInvalidSession(anonymous().get(V + "/sobjects"));
        assertInvalidSession(new EmulatorHttp(emulator.baseUrl(), emulator.orgId().substring(0, 15) + "!made-up").query("SELECT Id FROM User"));
    }

    @Test
    void expiredTokensGetInvalidSession() {
        // an emulator of its own, so that expiring every token does not disturb the other tests
        try (SalesforceEmulator own = SalesforceEmulator.start(EmulatorConfig.defaults())) {
            EmulatorHttp http = new EmulatorHttp(own.baseUrl(), own.issueAccessToken(EmulatorSeed.ADMIN));
            assertThat(http.get(V + "/limits").status()).isEqualTo(200);
            assertThat(http.post("/__emulator/tokens/expire-all", null).status()).isEqualTo(204);
            Answer a = http.get(V + "/limits");
            assertInvalidSession(a);
            assertThat(a.raw().body()).isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        }
    }

    @Test
    void tokensExpireAfterTheirLifetime() {
        // the emulator's clock, moved by the test: no waiting for real time to pass
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.now());
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        try (SalesforceEmulator own = SalesforceEmulator.start(EmulatorConfig.builder().clock(clock).tokenTtl(java.time.Duration.ofHours(2)).build())) {
            EmulatorHttp http = new EmulatorHttp(own.baseUrl(), own.issueAccessToken(EmulatorSeed.ADMIN));
            assertThat(http.get(V + "/limits").status()).isEqualTo(200);
            now.set(now.get().plus(java.time.Duration.ofMinutes(119)));
            assertThat(http.get(V + "/limits").status()).as("still within its lifetime").isEqualTo(200);
            now.set(now.get().plus(java.time.Duration.ofMinutes(2)));
            assertInvalidSession(http.get(V + "/limits"));
        }
    }

    // ---- userinfo and identity ----

    @Test
    void userInfoAndIdentityUrlDescribeTheTokenUser() throws JOSEException {
        Answer a = jwtToken(jwt(appKey.getPrivate(), EmulatorConfig.DEFAULT_CLIENT_ID, EmulatorSeed.ADMIN, emulator.baseUrl(), 300));
        String token = a.body().path("access_token").asText();
        String identityUrl = a.body().path("id").asText();
        EmulatorHttp http = new EmulatorHttp(emulator.baseUrl(), token);

        JsonNode info = http.get("/services/oauth2/userinfo").body();
        assertThat(info.path("preferred_username").asText()).isEqualTo(EmulatorSeed.ADMIN);
        assertThat(info.path("organization_id").asText()).isEqualTo(emulator.orgId());
        assertThat(info.path("sub").asText()).isEqualTo(identityUrl);

        assertThat(identityUrl).startsWith(emulator.baseUrl() + "/id/" + emulator.orgId() + "/005");
        Answer identity = http.get(identityUrl.substring(emulator.baseUrl().length()));
        assertThat(identity.status()).isEqualTo(200);
        assertThat(identity.body().path("username").asText()).isEqualTo(EmulatorSeed.ADMIN);
        assertThat(identity.body().path("urls").path("rest").asText()).contains("/services/data/v{version}/");
        assertThat(identity.body().path("user_id").asText()).isEqualTo(info.path("user_id").asText());

        assertThat(anonymous().get("/services/oauth2/userinfo").status()).isEqualTo(403);
    }

    @Test
    void oauthCallsAreNotCountedAgainstTheAllocation() throws JOSEException {
        long before = anonymous().get("/__emulator/counters").body().path("apiCalls").asLong();
        jwtToken(jwt(appKey.getPrivate(), EmulatorConfig.DEFAULT_CLIENT_ID, EmulatorSeed.ADMIN, emulator.baseUrl(), 300));
        assertThat(anonymous().get("/__emulator/counters").body().path("apiCalls").asLong()).isEqualTo(before);
    }

    // ---- helpers ----

    private static String jwt(PrivateKey key, String issuer, String subject, String audience, long expiresInSeconds) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Answer jwtToken(String assertion) {
        return anonymous().form("/services/oauth2/token", Map.of("grant_type", JWT_GRANT, "assertion", assertion));
    }

    private static void assertOAuthError(Answer a, String error) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(400);
        assertThat(a.body().path("error").asText()).as(a.raw().body()).isEqualTo(error);
        assertThat(a.body().path("error_description").asText()).isNotBlank();
    }

    static void assertInvalidSession(Answer a) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(401);
        assertThat(a.errorCode()).isEqualTo("INVALID_SESSION_ID");
        assertThat(a.body().get(0).path("message").asText()).isEqualTo("Session expired or invalid");
        assertThat(a.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
    }
}
