package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.UserState;

import java.util.Optional;

/**
 * Whether this resource may write to the Salesforce user it found, and how it comes to own it. The proof of ownership
 * is the pair (durable record on the resource, marker permission set of this installation on the user); neither
 * {@code CreatedById} nor {@code status} counts. Pure: every fact comes in as an argument.
 */
final class UserOwnership {

    enum Kind {
        /** No user has the username: create it (after writing the pending record). */
        CREATE,
        /** Ours: converge it; {@link Decision#record()} is the record to keep (completed after a lost answer). */
        OWNED,
        /** Not managed by anyone and the spec allows adoption: write the record, then converge. */
        ADOPT,
        /** Hands off: report and write nothing. */
        REFUSE
    }

    record Decision(Kind kind, OwnershipRecord record, String reason, String message) {
        static Decision refuse(String reason, String message) {
            return new Decision(Kind.REFUSE, null, reason, message);
        }
    }

    /**
     * @param record          the record on the resource, if any
     * @param found           the user: by the recorded id when there is one, else by the spec's username; null if none
     * @param foundNameHolder another resource (namespace/name) that claims the found user's current username, if any
     * @param recordedByOther another resource (namespace/name) whose record names the found user, if any
     */
    static Decision decide(String username, AdoptionPolicy adoption, String orgId, Installation installation,
                           Optional<OwnershipRecord> record, UserState found,
                           Optional<String> foundNameHolder, Optional<String> recordedByOther) {
        Optional<OwnershipRecord> inThisOrg = record.filter(r -> orgId.equals(r.org()));
        if (found == null) {
            if (inThisOrg.map(OwnershipRecord::id).isPresent()) {
                return Decision.refuse(Reasons.ADOPTION_REFUSED, "The user recorded for this resource (" + inThisOrg.get().id()
                        + ") does not exist in org " + orgId + "; Salesforce never deletes users, so the record does not match this org."
                        + " Remove the annotation sfintegration.io/ownership to start over.");
            }
            return new Decision(Kind.CREATE, null, null, null);
        }
        String foundId = found.user().id();
        Optional<String> foreign = found.permissionSetAssignments().stream().map(Assignment::targetName)
                .filter(installation::isForeignMarker).findFirst();
        if (foreign.isPresent()) {
            return Decision.refuse(Reasons.ADOPTION_REFUSED, "Salesforce user " + found.user().username() + " (" + foundId
                    + ") is managed by another installation of the operator (it carries " + foreign.get() + "); this one leaves it alone.");
        }
        if (recordedByOther.isPresent()) {
            return Decision.refuse(Reasons.CONFLICT, "Salesforce user " + found.user().username() + " (" + foundId + ") is managed by "
                    + recordedByOther.get() + "; a Salesforce user belongs to one resource.");
        }
        boolean marked = found.permissionSetAssignments().stream().anyMatch(a -> installation.isOwnMarker(a.targetName()));
        boolean sameName = found.user().username().equalsIgnoreCase(username);
        if (inThisOrg.map(OwnershipRecord::id).isPresent()) {
            // observed by the recorded id: a username changed in Setup is drift, as long as nobody else claims the new one
            if (!sameName && foundNameHolder.isPresent()) {
                return Decision.refuse(Reasons.CONFLICT, "The recorded user " + foundId + " is now named " + found.user().username()
                        + ", which " + foundNameHolder.get() + " manages; nothing is written until a person resolves it.");
            }
            if (!sameName && !marked) {
                return Decision.refuse(Reasons.ADOPTION_REFUSED, "The recorded user " + foundId + " is now named " + found.user().username()
                        + " and does not carry this operator's marker; the operator cannot prove it is this resource's user.");
            }
            return new Decision(Kind.OWNED, inThisOrg.get(), null, null);
        }
        if (!sameName) {
            return new Decision(Kind.CREATE, null, null, null);
        }
        if (marked && inThisOrg.filter(OwnershipRecord::pending).filter(r -> username.equalsIgnoreCase(r.name())).isPresent()) {
            // our create went through but its answer was lost: the pending record and the marker prove it is ours
            return new Decision(Kind.OWNED, inThisOrg.get().created(foundId), null, null);
        }
        if (adoption != AdoptionPolicy.IfUnmanaged) {
            String why = marked
                    ? " carries this operator's marker, but this resource holds no record of it (was the resource re-created?)."
                    : " already exists and was not created by this resource.";
            return Decision.refuse(Reasons.ADOPTION_REFUSED, "Salesforce user " + username + " (" + foundId + ")" + why
                    + " Set spec.adoption: IfUnmanaged to take it over deliberately, or choose another username.");
        }
        return new Decision(Kind.ADOPT, OwnershipRecord.adopted(orgId, foundId, found.user().username()), null, null);
    }
}
