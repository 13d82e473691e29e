package io.sfintegration.httpapi;

/**
 * Decides whether a bearer token may call a non-resource URL with a verb. Implementations throw
 * {@link ReviewUnavailableException} when they cannot decide (the API server is unreachable): that is never cached
 * and never read as a denial of the caller.
 */
public interface AccessReviewer {

    AccessDecision review(String token, String path, String verb);
}
