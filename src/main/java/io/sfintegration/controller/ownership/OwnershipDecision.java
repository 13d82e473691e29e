package io.sfintegration.controller.ownership;

import io.sfintegration.salesforce.Soql;
import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.controller.status.Reasons;

import java.util.Optional;

/**
 * Whether a resource may write to the Salesforce record it found by API name (a permission set, a permission set
 * group), and how it comes to own it. The proof is the pair (durable record on the resource, this installation's tag
 * at the end of the record's Description); a record a person made is never changed or deleted unless the spec adopts
 * it deliberately. Pure: every fact is an argument.
 */
public final class OwnershipDecision {

    public enum Kind { CREATE, OWNED, ADOPT, REFUSE }

    public record Decision(Kind kind, OwnershipRecord record, String reason, String message) {
        public static Decision refuse(String reason, String message) {
            return new Decision(Kind.REFUSE, null, reason, message);
        }
    }

    /** The record found by name: its id and Description (where the installation tag is). */
    public record Found(String id, String description) {
    }

    private OwnershipDecision() {
    }

    /**
     * @param noun            "Permission set", "Permission set group": how messages name the record
     * @param found           the record with the spec's API name, or null
     * @param recordedByOther another resource (namespace/name) whose record names the found one, if any
     */
    public static Decision decide(String noun, String name, AdoptionPolicy adoption, String orgId, Installation installation,
                                  Optional<OwnershipRecord> record, Found found, Optional<String> recordedByOther) {
        Optional<OwnershipRecord> inThisOrg = record.filter(r -> orgId.equals(r.org()));
        if (found == null) {
            // none by that name (never made, or deleted in Setup): create it, after writing the pending record
            return new Decision(Kind.CREATE, null, null, null);
        }
        String tagOwner = Installation.tagOwner(found.description());
        if (tagOwner != null && !tagOwner.equals(installation.id())) {
            return Decision.refuse(Reasons.ADOPTION_REFUSED, noun + " " + name + " (" + found.id()
                    + ") is managed by another installation of the operator (" + tagOwner + "); this one leaves it alone.");
        }
        if (recordedByOther.isPresent()) {
            return Decision.refuse(Reasons.CONFLICT, noun + " " + name + " (" + found.id() + ") is managed by " + recordedByOther.get() + ".");
        }
        boolean tagged = installation.id().equals(tagOwner);
        if (inThisOrg.map(OwnershipRecord::id).isPresent()) {
            if (Soql.sameId(inThisOrg.get().id(), found.id())) {
                return new Decision(Kind.OWNED, inThisOrg.get(), null, null);
            }
            return Decision.refuse(Reasons.ADOPTION_REFUSED, "The " + noun.toLowerCase(java.util.Locale.ROOT) + " recorded for this resource ("
                    + inThisOrg.get().id() + ") is gone and another one named " + name + " (" + found.id() + ") exists, made outside the operator;"
                    + " it is left alone. Delete it in Setup or rename this resource's spec.name.");
        }
        if (tagged && inThisOrg.filter(OwnershipRecord::pending).filter(r -> name.equalsIgnoreCase(r.name())).isPresent()) {
            // our create went through but its answer was lost
            return new Decision(Kind.OWNED, inThisOrg.get().created(found.id()), null, null);
        }
        if (adoption != AdoptionPolicy.IfUnmanaged) {
            String why = tagged ? " carries this operator's tag, but this resource holds no record of it (was the resource re-created?)."
                    : " already exists and was not created by this resource.";
            return Decision.refuse(Reasons.ADOPTION_REFUSED, noun + " " + name + " (" + found.id() + ")" + why
                    + " It is neither changed nor deleted. Set spec.adoption: IfUnmanaged to manage it (what is adopted is never deleted),"
                    + " or choose another name.");
        }
        return new Decision(Kind.ADOPT, OwnershipRecord.adopted(orgId, found.id(), name), null, null);
    }
}
