package io.sfintegration.controller;

/**
 * The org refuses the resource (its namespace is not allowed, or the spec breaks the org's policy): unlike an org that
 * is not Ready yet, this is Ready=False with a Warning Event, and it stays so until someone changes the spec, the
 * org or the namespace (all watched), so no timer retries it.
 */
public class OrgRefusedException extends OrgNotReadyException {
    public OrgRefusedException(String reason, String message) {
        super(reason, message);
    }
}
