package io.sfintegration.controller.org;

import io.sfintegration.api.v1alpha1.ApiUsage;
import io.sfintegration.api.v1alpha1.LicenseCapacity;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.OrgDefaults;
import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.OrgSnapshot;

import java.util.stream.Collectors;

/** Turns an org snapshot into the status people read. */
final class OrgStatusMapper {
    private OrgStatusMapper() {
    }

    static void apply(SalesforceOrgStatus status, OrgSnapshot snapshot, String apiVersion) {
        status.setOrgId(snapshot.orgId());
        status.setApiVersion(apiVersion);
        if (snapshot.apiLimit() != null) {
            status.setApiUsage(new ApiUsage(snapshot.apiLimit().used(), snapshot.apiLimit().max()));
        }
        status.setLicenses(snapshot.licenses().stream()
                .filter(l -> OrgDefaults.WATCHED_LICENSES.stream().anyMatch(l::matches))
                .map(l -> new LicenseCapacity(l.name(), l.kind() == LicenseKind.USER ? "UserLicense" : "PermissionSetLicense",
                        l.total(), l.used()))
                .toList());
    }

    static String summary(OrgSnapshot snapshot) {
        String seats = snapshot.licenses().stream()
                .filter(l -> OrgDefaults.WATCHED_LICENSES.stream().anyMatch(l::matches))
                .map(OrgStatusMapper::seats)
                .collect(Collectors.joining("; "));
        return "Connected to org " + snapshot.orgId() + (seats.isEmpty() ? "" : ". " + seats);
    }

    private static String seats(License l) {
        return l.name() + ": " + l.available() + " of " + l.total() + " free";
    }
}
