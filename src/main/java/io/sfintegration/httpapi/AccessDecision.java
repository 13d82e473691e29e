package io.sfintegration.httpapi;

/** The outcome of checking one bearer token for one request: maps to 200, 403 and 401. */
public enum AccessDecision {
    ALLOWED,
    /** The token is valid but its user may not use this path and verb (403). */
    FORBIDDEN,
    /** No token, or a token the API server does not accept (401). */
    UNAUTHENTICATED
}
