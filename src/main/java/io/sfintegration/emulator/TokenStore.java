package io.sfintegration.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens shaped like Salesforce's (&lt;15-char org id&gt;!&lt;opaque&gt;), with expiry and revocation. */
final class TokenStore {

    record Session(String userId, Instant expires, String refreshToken) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final String orgId15;
    private final Clock clock;
    private final Duration ttl;
    private final java.util.function.Consumer<String> onLogin;

    /** @param onLogin told the user id of every token issued: each one is a login */
    TokenStore(String orgId, Clock clock, Duration ttl, java.util.function.Consumer<String> onLogin) {
        this.orgId15 = orgId.substring(0, 15);
        this.clock = clock;
        this.ttl = ttl;
        this.onLogin = onLogin;
    }

    String issue(String userId, boolean withRefresh) {
        onLogin.accept(userId);
        String token = orgId15 + "!" + opaque(72);
        String refresh = withRefresh ? "5Aep" + opaque(60) : null;
        sessions.put(token, new Session(userId, clock.instant().plus(ttl), refresh));
        if (refresh != null) {
            refreshTokens.put(refresh, userId);
        }
        return token;
    }

    /**
     * An access token from the refresh_token grant, tied to that refresh token so that revoking it revokes this one
     * too ("If a refresh token is included, Salesforce revokes it and any associated access tokens":
     * https://developer.salesforce.com/docs/atlas.en-us.mobile_sdk.meta/mobile_sdk/oauth_revoking_tokens.htm).
     */
    String issueFromRefresh(String userId, String refreshToken) {
        onLogin.accept(userId);
        String token = orgId15 + "!" + opaque(72);
        sessions.put(token, new Session(userId, clock.instant().plus(ttl), refreshToken));
        return token;
    }

    Optional<String> refreshTokenOf(String token) {
        return Optional.ofNullable(sessions.get(token)).map(Session::refreshToken);
    }

    /** The user of a valid token, or empty when unknown, expired or revoked. */
    Optional<String> userOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null || s.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(s.userId());
    }

    Optional<String> userOfRefreshToken(String refresh) {
        return Optional.ofNullable(refresh == null ? null : refreshTokens.get(refresh));
    }

    /** Revokes an access token or a refresh token (and the access tokens issued with it). */
    boolean revoke(String token) {
        boolean found = sessions.remove(token) != null;
        if (refreshTokens.remove(token) != null) {
            sessions.entrySet().removeIf(e -> token.equals(e.getValue().refreshToken()));
            found = true;
        }
        return found;
    }

    void expireAll() {
        sessions.clear();
    }

    private String opaque(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', '.').replace('_', 'x').substring(0, length);
    }
}
