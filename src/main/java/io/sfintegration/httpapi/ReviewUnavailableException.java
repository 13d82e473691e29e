package io.sfintegration.httpapi;

/** The Kubernetes API could not answer a TokenReview or SubjectAccessReview; the request gets 503. */
public class ReviewUnavailableException extends RuntimeException {

    public ReviewUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
