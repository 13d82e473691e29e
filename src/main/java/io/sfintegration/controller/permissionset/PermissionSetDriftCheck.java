package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.PermissionSetState;

import java.util.ArrayList;
import java.util.List;

/**
 * For the drift scan: what differs between a PermissionSet's spec and the permission set read from Salesforce, as
 * sentences "what: expected X, found Y".
 */
public final class PermissionSetDriftCheck {

    private PermissionSetDriftCheck() {
    }

    public static List<String> differences(PermissionSet ps, OrgAccess org, PermissionSetState actual) {
        PermissionSetSpec spec = ps.getSpec();
        String licenseId = null;
        if (!PermissionSetSpec.NO_LICENSE.equalsIgnoreCase(spec.getLicense())) {
            String name = spec.getLicense() == null ? PermissionSetSpec.API_INTEGRATION_LICENSE : spec.getLicense();
            var license = org.snapshot().license(LicenseKind.PERMISSION_SET, name).or(() -> org.snapshot().license(LicenseKind.USER, name));
            if (license.isEmpty()) {
                return List.of();
            }
            licenseId = license.get().id();
        }
        DesiredPermissionSet desired = DesiredPermissionSet.from(spec, licenseId, null);
        // the installation's tag says who manages the set; it is not part of what the spec asks for
        PermissionSetFields found = actual.fields();
        PermissionSetFields untagged = new PermissionSetFields(found.name(), found.label(), Installation.untagged(found.description()),
                found.licenseId(), found.userPermissions());
        List<String> out = new ArrayList<>(PermissionSetDiff.differences(desired.fields(), untagged));
        out.addAll(PermissionSetDiff.rowDifferences(desired.objects(), desired.fieldPermissions(), actual));
        out.addAll(PermissionSetGrants.differences(spec, ps.getStatus(), actual.grants()));
        return out;
    }
}
