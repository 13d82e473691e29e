package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.LicenseKind;

import java.util.List;

/** Resolves the spec's licence name to its id (from the org catalog; one describe for a licence it does not know yet). */
final class DesiredPermissionSetResolver {

    /** The spec names a licence the org does not have. */
    static final class UnknownLicense extends Exception {
        UnknownLicense(String message) {
            super(message);
        }

        String reason() {
            return Reasons.LICENSE_NOT_FOUND;
        }
    }

    private final OrgCatalog catalog;
    private final Installation installation;

    DesiredPermissionSetResolver(OrgCatalog catalog, Installation installation) {
        this.catalog = catalog;
        this.installation = installation;
    }

    DesiredPermissionSet resolve(PermissionSetSpec spec, OrgAccess org) throws UnknownLicense {
        if (PermissionSetSpec.NO_LICENSE.equalsIgnoreCase(spec.getLicense())) {
            return DesiredPermissionSet.from(spec, null, installation);
        }
        String licenseName = spec.getLicense() == null ? PermissionSetSpec.API_INTEGRATION_LICENSE : spec.getLicense();
        var license = org.snapshot().license(LicenseKind.PERMISSION_SET, licenseName)
                .or(() -> org.snapshot().license(LicenseKind.USER, licenseName))
                .or(() -> {
                    var more = org.client().describeOrg(List.of(licenseName), List.of());
                    catalog.merge(org.key(), more);
                    return more.license(LicenseKind.PERMISSION_SET, licenseName).or(() -> more.license(LicenseKind.USER, licenseName));
                });
        if (license.isEmpty()) {
            throw new UnknownLicense("The org has no licence named '" + licenseName + "'. Use the licence's name (e.g. "
                    + PermissionSetSpec.API_INTEGRATION_LICENSE + ") or None.");
        }
        return DesiredPermissionSet.from(spec, license.get().id(), installation);
    }
}
