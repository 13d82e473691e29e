package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.IntegrationUserSpec;

import java.util.List;

/** The licences and profiles every org snapshot includes: what integration users need. */
public final class OrgDefaults {
    public static final String INTEGRATION_USER_LICENSE = "Salesforce Integration";
    public static final List<String> WATCHED_LICENSES = List.of(INTEGRATION_USER_LICENSE, IntegrationUserSpec.DEFAULT_PERMISSION_SET_LICENSE);
    public static final List<String> WATCHED_PROFILES = List.of(IntegrationUserSpec.DEFAULT_PROFILE, IntegrationUserSpec.LEGACY_PROFILE);

    private OrgDefaults() {
    }
}
