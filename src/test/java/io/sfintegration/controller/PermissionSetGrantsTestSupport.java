package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.PermissionSet;

/** The PermissionSet with grants that the grant tests in other packages share. */
public final class PermissionSetGrantsTestSupport {
    private PermissionSetGrantsTestSupport() {
    }

    public static PermissionSet billing() {
        return PermissionSetGrantsTest.billing();
    }
}
