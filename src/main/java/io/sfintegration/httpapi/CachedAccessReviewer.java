package io.sfintegration.httpapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each decision for a short time, so a scraper polling the API does not cost two API server round trips per
 * request (kube-rbac-proxy and the API server's webhook authenticator cache the same way). The key holds a SHA-256
 * of the token, never the token. Revoking a token or a RoleBinding takes effect within the TTL. Failures to decide
 * are not cached. The map is bounded: when full, expired entries go, and if none had expired, all go.
 */
public class CachedAccessReviewer implements AccessReviewer {

    private record Entry(AccessDecision decision, Instant expires) {
    }

    private final AccessReviewer delegate;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public CachedAccessReviewer(AccessReviewer delegate, Clock clock, Duration ttl, int maxEntries) {
        this.delegate = delegate;
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    @Override
    public AccessDecision review(String token, String path, String verb) {
        String key = digest(token) + ' ' + verb + ' ' + path;
        Instant now = clock.instant();
        Entry cached = entries.get(key);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.decision();
        }
        AccessDecision decision = delegate.review(token, path, verb);
        if (!ttl.isZero() && !ttl.isNegative()) {
            makeRoom(now);
            entries.put(key, new Entry(decision, now.plus(ttl)));
        }
        return decision;
    }

    int size() {
        return entries.size();
    }

    private void makeRoom(Instant now) {
        if (entries.size() < maxEntries) {
            return;
        }
        entries.values().removeIf(e -> !now.isBefore(e.expires()));
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
