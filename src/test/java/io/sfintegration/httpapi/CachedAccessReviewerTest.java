package io.sfintegration.httpapi;

import io.sfintegration.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachedAccessReviewerTest {

    /** Records every question and answers from a fixed rule: token "ok" may do anything, "no" nothing. */
    private static final class CountingReviewer implements AccessReviewer {
        final List<String> asked = new ArrayList<>();
        boolean unavailable;

        @Override
        public AccessDecision review(String token, String path, String verb) {
            asked.add(verb + " " + path);
            if (unavailable) {
                throw new ReviewUnavailableException("API server down", null);
            }
            return switch (token) {
                case "ok" -> AccessDecision.ALLOWED;
                case "no" -> AccessDecision.FORBIDDEN;
                default -> AccessDecision.UNAUTHENTICATED;
            };
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final CountingReviewer api = new CountingReviewer();
    private final CachedAccessReviewer cached = new CachedAccessReviewer(api, clock, Duration.ofMinutes(1), 100);

    @Test
    void aScraperCostsOneReviewPerMinute() {
        for (int i = 0; i < 4; i++) {
            assertThat(cached.review("ok", "/api/v1/drift", "get")).isEqualTo(AccessDecision.ALLOWED);
            clock.advance(Duration.ofSeconds(15));
        }
        assertThat(api.asked).hasSize(1);
        assertThat(cached.review("ok", "/api/v1/drift", "get")).isEqualTo(AccessDecision.ALLOWED);
        assertThat(api.asked).hasSize(2);
    }

    @Test
    void decisionsAreKeptPerTokenPathAndVerb() {
        assertThat(cached.review("ok", "/api/v1/drift", "get")).isEqualTo(AccessDecision.ALLOWED);
        assertThat(cached.review("no", "/api/v1/drift", "get")).isEqualTo(AccessDecision.FORBIDDEN);
        assertThat(cached.review("bad", "/api/v1/drift", "get")).isEqualTo(AccessDecision.UNAUTHENTICATED);
        assertThat(cached.review("ok", "/api/v1/export", "get")).isEqualTo(AccessDecision.ALLOWED);
        assertThat(cached.review("ok", "/api/v1/drift", "create")).isEqualTo(AccessDecision.ALLOWED);
        assertThat(api.asked).hasSize(5);
        assertThat(cached.review("no", "/api/v1/drift", "get")).isEqualTo(AccessDecision.FORBIDDEN);
        assertThat(api.asked).hasSize(5);
    }

    @Test
    void failuresToDecideAreNotCached() {
        api.unavailable = true;
        assertThatThrownBy(() -> cached.review("ok", "/api/v1/drift", "get")).isInstanceOf(ReviewUnavailableException.class);
        api.unavailable = false;
        assertThat(cached.review("ok", "/api/v1/drift", "get")).isEqualTo(AccessDecision.ALLOWED);
        assertThat(api.asked).hasSize(2);
    }

    @Test
    void manyTokensDoNotGrowTheCacheWithoutBound() {
        for (int i = 0; i < 1000; i++) {
            cached.review("random-" + i, "/api/v1/drift", "get");
        }
        assertThat(cached.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void bearerHeaderParsingAndVerbs() {
        assertThat(ApiAuthorizationFilter.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(ApiAuthorizationFilter.bearerToken("bearer abc")).isEqualTo("abc");
        assertThat(ApiAuthorizationFilter.bearerToken("Basic YWxhZGRpbjpvcGVuc2VzYW1l")).isNull();
        assertThat(ApiAuthorizationFilter.bearerToken("Bearer ")).isNull();
        assertThat(ApiAuthorizationFilter.bearerToken(null)).isNull();
        assertThat(ApiAuthorizationFilter.verb("GET")).isEqualTo("get");
        assertThat(ApiAuthorizationFilter.verb("POST")).isEqualTo("create");
        assertThat(ApiAuthorizationFilter.guarded("/api/v1/drift")).isTrue();
        assertThat(ApiAuthorizationFilter.guarded("api/v1/export")).isTrue();
        assertThat(ApiAuthorizationFilter.guarded("/q/metrics")).isFalse();
    }
}
