package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth 2.0 as Salesforce serves it ("OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration", "OAuth 2.0 Client
 * Credentials Flow", "Revoke OAuth Tokens", "UserInfo Endpoint"): errors are HTTP 400 with
 * {"error":"invalid_grant","error_description":...}. None of these calls count against the API allocation.
 */
final class OAuthEndpoints {

    private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final OrgStore store;
    private final TokenStore tokens;
    private final List<EmulatorConfig.ConnectedApp> apps;
    private final String orgId;
    private final Clock clock;
    private final java.util.function.Supplier<String> baseUrl;

    OAuthEndpoints(OrgStore store, TokenStore tokens, List<EmulatorConfig.ConnectedApp> apps, String orgId, Clock clock,
                   java.util.function.Supplier<String> baseUrl) {
        this.store = store;
        this.tokens = tokens;
        this.apps = apps;
        this.orgId = orgId;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    Reply token(Map<String, String> form) {
        String grant = form.getOrDefault("grant_type", "");
        switch (grant) {
            case JWT_GRANT -> {
                return jwtBearer(form.get("assertion"));
            }
            case "client_credentials" -> {
                Optional<EmulatorConfig.ConnectedApp> app = app(form.get("client_id"));
                if (app.isEmpty()) {
                    return oauthError(400, "invalid_client_id", "client identifier invalid");
                }
                if (!app.get().clientSecret().equals(form.get("client_secret"))) {
                    return oauthError(400, "invalid_client", "invalid client credentials");
                }
                Optional<String> runAs = userIdByUsername(app.get().runAsUsername());
                if (runAs.isEmpty()) {
                    return oauthError(400, "invalid_grant", "no client credentials user enabled");
                }
                return success(runAs.get(), false);
            }
            case "refresh_token" -> {
                if (form.get("client_id") != null && app(form.get("client_id")).isEmpty()) {
                    return oauthError(400, "invalid_client_id", "client identifier invalid");
                }
                String refresh = form.get("refresh_token");
                Optional<String> user = tokens.userOfRefreshToken(refresh);
                if (user.isEmpty() || !active(user.get())) {
                    return oauthError(400, "invalid_grant", "expired access/refresh token");
                }
                // the answer carries no new refresh token; the access token stays tied to the one presented
                return tokenReply(user.get(), tokens.issueFromRefresh(user.get(), refresh), false);
            }
            default -> {
                return oauthError(400, "unsupported_grant_type", "grant type not supported");
            }
        }
    }

    private Reply jwtBearer(String assertion) {
        if (assertion == null || assertion.isBlank()) {
            return oauthError(400, "invalid_grant", "invalid assertion");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return oauthError(400, "invalid_grant", "invalid assertion");
        }
        Optional<EmulatorConfig.ConnectedApp> app = app(claims.getIssuer());
        if (app.isEmpty()) {
            return oauthError(400, "invalid_client_id", "client identifier invalid");
        }
        try {
            if (app.get().jwtKey() == null || !JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier((RSAPublicKey) app.get().jwtKey()))) {
                return oauthError(400, "invalid_grant", "invalid assertion");
            }
        } catch (JOSEException | ClassCastException e) {
            return oauthError(400, "invalid_grant", "invalid assertion");
        }
        List<String> audience = claims.getAudience();
        List<String> allowed = List.of(baseUrl.get(), baseUrl.get() + "/", "https://login.salesforce.com", "https://test.salesforce.com");
        if (audience == null || audience.stream().noneMatch(allowed::contains)) {
            return oauthError(400, "invalid_grant", "audience is invalid");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().isBefore(clock.instant())) {
            return oauthError(400, "invalid_grant", "expired authorization code");
        }
        Optional<String> user = userIdByUsername(claims.getSubject());
        if (user.isEmpty() || !active(user.get())) {
            return oauthError(400, "invalid_grant", "user hasn't approved this consumer");
        }
        if (!permitted(claims.getIssuer(), user.get())) {
            // Permitted Users "Admin approved users are pre-authorized" and neither the user's profile nor any of their
            // permission sets grants the app: Salesforce answers with the same invalid_grant as for an unapproved app
            return oauthError(400, "invalid_grant", "user hasn't approved this consumer");
        }
        return success(user.get(), false);
    }

    private boolean permitted(String consumerKey, String userId) {
        return store.read(() -> SetupEntitySeed.appRecord(store, consumerKey)
                .filter(app -> Boolean.TRUE.equals(app.get("OptionsAllowAdminApprovedUsersOnly")))
                .map(app -> store.rules().setupEntities().userHasAccess(userId, (String) app.get("Id")))
                .orElse(true));
    }

    Reply revoke(Map<String, String> form) {
        String token = form.get("token");
        if (token == null || !tokens.revoke(token)) {
            return oauthError(400, "unsupported_token_type", "this token type is not supported");
        }
        return Reply.of(200, null);
    }

    /** GET /services/oauth2/userinfo. */
    Reply userInfo(String userId) {
        Map<String, Object> user = store.byId(userId);
        ObjectNode out = Reply.JSON.createObjectNode();
        out.put("sub", identityUrl(userId));
        out.put("user_id", userId);
        out.put("organization_id", orgId);
        out.put("preferred_username", (String) user.get("Username"));
        out.put("name", (String) user.get("Name"));
        out.put("email", (String) user.get("Email"));
        out.put("email_verified", true);
        out.put("active", Boolean.TRUE.equals(user.get("IsActive")));
        out.put("user_type", "STANDARD");
        out.put("language", "en_US");
        out.put("locale", "en_US");
        out.put("utcOffset", 0);
        return Reply.of(200, out);
    }

    /** GET /id/{orgId}/{userId}. */
    Reply identity(String userId, String requestedUserId) {
        if (!OrgRules.sameId(userId, requestedUserId)) {
            return Reply.of(403, null);
        }
        Map<String, Object> user = store.byId(userId);
        ObjectNode out = Reply.JSON.createObjectNode();
        out.put("id", identityUrl(userId));
        out.put("asserted_user", true);
        out.put("user_id", userId);
        out.put("organization_id", orgId);
        out.put("username", (String) user.get("Username"));
        out.put("display_name", (String) user.get("Name"));
        out.put("email", (String) user.get("Email"));
        out.put("nick_name", (String) user.get("Alias"));
        out.put("first_name", (String) user.get("FirstName"));
        out.put("last_name", (String) user.get("LastName"));
        out.put("email_verified", true);
        out.put("timezone", (String) user.get("TimeZoneSidKey"));
        out.put("active", Boolean.TRUE.equals(user.get("IsActive")));
        out.put("user_type", "STANDARD");
        out.put("language", (String) user.get("LanguageLocaleKey"));
        out.put("locale", (String) user.get("LocaleSidKey"));
        out.put("utcOffset", -28800000);
        out.put("is_app_installed", true);
        // the URL templates of the Identity URLs page (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm)
        ObjectNode urls = out.putObject("urls");
        String base = baseUrl.get();
        urls.put("enterprise", base + "/services/Soap/c/{version}/" + orgId.substring(0, 15));
        urls.put("metadata", base + "/services/Soap/m/{version}/" + orgId.substring(0, 15));
        urls.put("partner", base + "/services/Soap/u/{version}/" + orgId.substring(0, 15));
        urls.put("rest", base + "/services/data/v{version}/");
        urls.put("sobjects", base + "/services/data/v{version}/sobjects/");
        urls.put("search", base + "/services/data/v{version}/search/");
        urls.put("query", base + "/services/data/v{version}/query/");
        urls.put("recent", base + "/services/data/v{version}/recent/");
        urls.put("tooling_rest", base + "/services/data/v{version}/tooling/");
        urls.put("profile", base + "/" + userId);
        urls.put("custom_domain", base);
        return Reply.of(200, out);
    }

    Reply success(String userId, boolean withRefresh) {
        return tokenReply(userId, tokens.issue(userId, withRefresh), true);
    }

    private Reply tokenReply(String userId, String access, boolean showRefreshToken) {
        ObjectNode out = Reply.JSON.createObjectNode();
        out.put("access_token", access);
        if (showRefreshToken) {
            tokens.refreshTokenOf(access).ifPresent(r -> out.put("refresh_token", r));
        }
        out.put("signature", java.util.Base64.getEncoder().encodeToString(Integer.toHexString(access.hashCode()).getBytes()));
        out.put("scope", "api");
        out.put("instance_url", baseUrl.get());
        out.put("id", identityUrl(userId));
        out.put("token_type", "Bearer");
        out.put("issued_at", String.valueOf(clock.millis()));
        return Reply.of(200, out);
    }

    String identityUrl(String userId) {
        return baseUrl.get() + "/id/" + orgId + "/" + userId;
    }

    Optional<String> userIdByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return store.read(() -> {
            for (Map<String, Object> u : store.live("User")) {
                if (username.equalsIgnoreCase((String) u.get("Username"))) {
                    return Optional.of((String) u.get("Id"));
                }
            }
            return Optional.empty();
        });
    }

    private boolean active(String userId) {
        Map<String, Object> u = store.byId(userId);
        return u != null && Boolean.TRUE.equals(u.get("IsActive"));
    }

    private Optional<EmulatorConfig.ConnectedApp> app(String clientId) {
        return apps.stream().filter(a -> a.clientId().equals(clientId)).findFirst();
    }

    static Reply oauthError(int status, String error, String description) {
        ObjectNode out = Reply.JSON.createObjectNode();
        out.put("error", error);
        out.put("error_description", description);
        return Reply.of(status, out);
    }
}
