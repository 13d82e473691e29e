package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.PermissionSetReferences;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.Profile;
import io.sfintegration.salesforce.UserFields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves names in the spec to Salesforce ids from the org catalog (no call for the default profile and licences)
 * and from PermissionSet resources' status; only unknown profiles, licences or unmanaged permission sets cost a read.
 */
final class DesiredUserResolver {

    private final OrgCatalog catalog;
    private final PermissionSetReferences references;
    private final GroupReferences groups;

    DesiredUserResolver(OrgCatalog catalog) {
        this.catalog = catalog;
        this.references = new PermissionSetReferences(catalog);
        this.groups = new GroupReferences(catalog);
    }

    DesiredUser resolve(IntegrationUserSpec spec, OrgAccess org, Function<String, Optional<PermissionSet>> permissionSetByRef)
            throws ResolutionException {
        return resolve(spec, org, permissionSetByRef, ref -> Optional.empty());
    }

    /** Groups are assigned like sets: they join the permission sets to assign, keyed "Name (group)", told apart by their id. */
    DesiredUser resolve(IntegrationUserSpec spec, OrgAccess org, Function<String, Optional<PermissionSet>> permissionSetByRef,
                        Function<String, Optional<PermissionSetGroup>> groupByRef) throws ResolutionException {
        Profile profile = profile(spec, org, spec.observeOnly());
        Map<String, String> licenses = new LinkedHashMap<>();
        for (String name : licenseNames(spec)) {
            License license = findLicense(org, name).orElseThrow(() -> new ResolutionException(Reasons.LICENSE_NOT_FOUND,
                    "The org has no permission set licence named '" + name + "'", false));
            licenses.put(license.name(), license.id());
        }
        Map<String, String> permissionSets;
        try {
            permissionSets = references.resolve(spec.getPermissionSets(), spec.getOrgRef(), org, permissionSetByRef);
        } catch (PermissionSetReferences.Unresolved e) {
            throw new ResolutionException(e.reason(), e.getMessage(), e.waiting());
        }
        if (!spec.getPermissionSetGroups().isEmpty()) {
            permissionSets = new LinkedHashMap<>(permissionSets);
            permissionSets.putAll(groups.resolve(spec.getPermissionSetGroups(), spec.getOrgRef(), org, groupByRef));
        }
        UserFields fields = new UserFields(spec.getUsername(), spec.getEmail(), spec.getFirstName(), spec.getLastName(),
                alias(spec), orDefault(spec.getTimeZone(), "America/Los_Angeles"), orDefault(spec.getLocale(), "en_US"),
                orDefault(spec.getLanguage(), "en_US"), orDefault(spec.getEmailEncoding(), "UTF-8"), profile.id());
        return new DesiredUser(fields, profile, licenses, permissionSets,
                spec.getActive() == null || spec.getActive(), spec.getFrozen() != null && spec.getFrozen());
    }

    /** observing: any profile is accepted, since Observe writes nothing; switching to Manage applies the API-only rule. */
    private Profile profile(IntegrationUserSpec spec, OrgAccess org, boolean observing) throws ResolutionException {
        String wanted = orDefault(spec.getProfile(), IntegrationUserSpec.DEFAULT_PROFILE);
        OrgSnapshot snapshot = org.snapshot();
        Optional<Profile> profile = snapshot.profile(wanted);
        if (profile.isEmpty() && wanted.equalsIgnoreCase(IntegrationUserSpec.DEFAULT_PROFILE)) {
            // orgs provisioned before the new profile existed still have the deprecated one
            profile = snapshot.profile(IntegrationUserSpec.LEGACY_PROFILE);
        }
        if (profile.isEmpty()) {
            OrgSnapshot more = org.client().describeOrg(List.of(), List.of(wanted));
            catalog.merge(org.key(), more);
            profile = more.profile(wanted);
        }
        Profile found = profile.orElseThrow(() -> new ResolutionException(Reasons.PROFILE_NOT_FOUND,
                "The org has no profile named '" + wanted + "'", false));
        if (!found.apiOnly() && !observing) {
            throw new ResolutionException(Reasons.PROFILE_NOT_ALLOWED, "Profile '" + found.name()
                    + "' is not API-only; integration users must use an API-only profile such as "
                    + IntegrationUserSpec.DEFAULT_PROFILE + ", so this operator cannot create users who log in to the UI", false);
        }
        return found;
    }

    private Optional<License> findLicense(OrgAccess org, String name) {
        Optional<License> license = org.snapshot().license(LicenseKind.PERMISSION_SET, name);
        if (license.isPresent()) {
            return license;
        }
        OrgSnapshot more = org.client().describeOrg(List.of(name), List.of());
        catalog.merge(org.key(), more);
        return more.license(LicenseKind.PERMISSION_SET, name);
    }

    static List<String> licenseNames(IntegrationUserSpec spec) {
        return spec.getPermissionSetLicenses() == null
                ? List.of(IntegrationUserSpec.DEFAULT_PERMISSION_SET_LICENSE)
                : spec.getPermissionSetLicenses();
    }

    static String alias(IntegrationUserSpec spec) {
        if (spec.getAlias() != null && !spec.getAlias().isBlank()) {
            return spec.getAlias();
        }
        String local = spec.getUsername().substring(0, spec.getUsername().indexOf('@')).replaceAll("[^A-Za-z0-9]", "");
        String base = local.isEmpty() ? "intuser" : local;
        return base.substring(0, Math.min(8, base.length()));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
