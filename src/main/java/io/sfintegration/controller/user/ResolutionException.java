package io.sfintegration.controller.user;

/** Something the spec names does not exist or is not usable yet; reason is a condition reason. */
class ResolutionException extends Exception {
    private final String reason;
    private final boolean waiting;

    ResolutionException(String reason, String message, boolean waiting) {
        super(message);
        this.reason = reason;
        this.waiting = waiting;
    }

    String reason() {
        return reason;
    }

    /** True when the condition clears by itself (e.g. a PermissionSet becoming Ready), so the user should wait. */
    boolean waiting() {
        return waiting;
    }
}
