package io.sfintegration.controller.permissionset;

import io.sfintegration.salesforce.Soql;
import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipDecision;
import io.sfintegration.controller.ownership.OwnershipDecision.Decision;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.PermissionSetState;

import java.util.Optional;

/**
 * Whether this resource may write to the permission set it found by API name ({@link OwnershipDecision}); a set that
 * belongs to a profile is never managed.
 */
final class PermissionSetOwnership {

    private PermissionSetOwnership() {
    }

    /**
     * @param found           the set with the spec's API name, or null
     * @param recordedByOther another resource (namespace/name) whose record names the found set, if any
     */
    static Decision decide(String name, AdoptionPolicy adoption, String orgId, Installation installation,
                           Optional<OwnershipRecord> record, PermissionSetState found, Optional<String> recordedByOther) {
        if (found != null && found.ownedByProfile()) {
            return Decision.refuse(Reasons.REJECTED_BY_SALESFORCE, "Permission set " + name + " belongs to a profile and cannot be managed");
        }
        return OwnershipDecision.decide("Permission set", name, adoption, orgId, installation, record,
                found == null ? null : new OwnershipDecision.Found(found.id(), found.fields().description()), recordedByOther);
    }
}
