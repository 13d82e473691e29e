package io.sfintegration.httpapi;

/**
 * {@code sfio.http-api.authorization}: how requests under {@code /api/v1/} are checked. {@code kubernetes} (the
 * default) needs a bearer token that a TokenReview accepts and a SubjectAccessReview allows; {@code none} leaves the
 * API open and is meant only for local mode, which binds 127.0.0.1.
 */
public enum HttpApiAuthorization {
    KUBERNETES,
    NONE
}
