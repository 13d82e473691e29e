package io.sfintegration.controller.permissionset;

import io.sfintegration.salesforce.Soql;
import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.PermissionSetState;

import java.util.Optional;

/**
 * Whether this resource may write to the permission set it found by API name, and how it comes to own it. The proof
 * is the pair (durable record on the resource, this installation's tag at the end of the set's Description); a set a
 * person made is never changed or deleted unless the spec adopts it deliberately. Pure: every fact is an argument.
 */
final class PermissionSetOwnership {

    enum Kind { CREATE, OWNED, ADOPT, REFUSE }

    record Decision(Kind kind, OwnershipRecord record, String reason, String message) {
        static Decision refuse(String reason, String message) {
            return new Decision(Kind.REFUSE, null, reason, message);
        }
    }

    private PermissionSetOwnership() {
    }

    /**
     * @param found           the set with the spec's API name, or null
     * @param recordedByOther another resource (namespace/name) whose record names the found set, if any
     */
    static Decision decide(String name, AdoptionPolicy adoption, String orgId, Installation installation,
                           Optional<OwnershipRecord> record, PermissionSetState found, Optional<String> recordedByOther) {
        Optional<OwnershipRecord> inThisOrg = record.filter(r -> orgId.equals(r.org()));
        if (found == null) {
            // none by that name (never made, or deleted in Setup): create it, after writing the pending record
            return new Decision(Kind.CREATE, null, null, null);
        }
        if (found.ownedByProfile()) {
            return Decision.refuse(Reasons.REJECTED_BY_SALESFORCE, "Permission set " + name + " belongs to a profile and cannot be managed");
        }
        String tagOwner = Installation.tagOwner(found.fields().description());
        if (tagOwner != null && !tagOwner.equals(installation.id())) {
            return Decision.refuse(Reasons.ADOPTION_REFUSED, "Permission set " + name + " (" + found.id()
                    + ") is managed by another installation of the operator (" + tagOwner + "); this one leaves it alone.");
        }
        if (recordedByOther.isPresent()) {
            return Decision.refuse(Reasons.CONFLICT, "Permission set " + name + " (" + found.id() + ") is managed by " + recordedByOther.get() + ".");
        }
        boolean tagged = installation.id().equals(tagOwner);
        if (inThisOrg.map(OwnershipRecord::id).isPresent()) {
            if (Soql.sameId(inThisOrg.get().id(), found.id())) {
                return new Decision(Kind.OWNED, inThisOrg.get(), null, null);
            }
            return Decision.refuse(Reasons.ADOPTION_REFUSED, "The permission set recorded for this resource (" + inThisOrg.get().id()
                    + ") is gone and another one named " + name + " (" + found.id() + ") exists, made outside the operator;"
                    + " it is left alone. Delete it in Setup or rename this resource's spec.name.");
        }
        if (tagged && inThisOrg.filter(OwnershipRecord::pending).filter(r -> name.equalsIgnoreCase(r.name())).isPresent()) {
            // our create went through but its answer was lost
            return new Decision(Kind.OWNED, inThisOrg.get().created(found.id()), null, null);
        }
        if (adoption != AdoptionPolicy.IfUnmanaged) {
            String why = tagged ? " carries this operator's tag, but this resource holds no record of it (was the resource re-created?)."
                    : " already exists and was not created by this resource.";
            return Decision.refuse(Reasons.ADOPTION_REFUSED, "Permission set " + name + " (" + found.id() + ")" + why
                    + " It is neither changed nor deleted. Set spec.adoption: IfUnmanaged to manage it (an adopted set is never deleted), or choose another name.");
        }
        return new Decision(Kind.ADOPT, OwnershipRecord.adopted(orgId, found.id(), name), null, null);
    }
}
