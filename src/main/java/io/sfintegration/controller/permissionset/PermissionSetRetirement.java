package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.salesforce.SaveResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What happens in Salesforce when a PermissionSet resource is deleted: a set the operator created is deleted once no
 * user holds it; an adopted set, or one under deletionPolicy Orphan, stays. Waiting is driven by the users that drop
 * the set (see {@link UserReferences}); assignments made outside the operator are re-checked with a backoff that
 * grows with the time already waited (5 minutes, doubling, at most a day: 10 reads in the first day, 1 a day after).
 */
final class PermissionSetRetirement {

    static final Duration FIRST_RECHECK = Duration.ofMinutes(5);
    static final Duration MAX_RECHECK = Duration.ofHours(24);

    /** Done, or still waiting (with when to look again), or refused by Salesforce. */
    record Result(boolean done, String message, Duration recheckAfter) {
    }

    private final EventRecorder events;
    private final Clock clock;

    PermissionSetRetirement(EventRecorder events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    Result retire(PermissionSet ps, OrgAccess org, String permissionSetId, List<String> referencingUsers) {
        String name = ps.getSpec().getName();
        int assignments = org.client().countAssignments(permissionSetId);
        if (assignments > 0) {
            String holders = referencingUsers.isEmpty() ? "none of them is an IntegrationUser of this namespace that still lists it"
                    : "IntegrationUsers that still list it: " + String.join(", ", referencingUsers.subList(0, Math.min(5, referencingUsers.size())))
                    + (referencingUsers.size() > 5 ? " and " + (referencingUsers.size() - 5) + " more" : "");
            return new Result(false, "Waiting to delete permission set " + name + ": " + assignments + " user(s) still have it assigned ("
                    + holders + "). Remove it from their specs or unassign it in Setup, or set deletionPolicy: Orphan.", recheck(ps));
        }
        SaveResult deleted = org.client().deletePermissionSet(permissionSetId);
        if (!deleted.success() && !deleted.hasErrorCode("ENTITY_IS_DELETED") && !deleted.hasErrorCode("NOT_FOUND")) {
            return new Result(false, "Could not delete permission set " + name + ": "
                    + deleted.errors().stream().map(Object::toString).collect(Collectors.joining("; ")), recheck(ps));
        }
        events.normal(ps, "Deleted", "Deleted permission set " + name + " (" + permissionSetId + ") from Salesforce");
        return new Result(true, null, null);
    }

    /** The longer a set has waited, the less often Salesforce is asked again. */
    Duration recheck(PermissionSet ps) {
        String since = ps.getMetadata().getDeletionTimestamp();
        Duration waited = since == null ? Duration.ZERO : Duration.between(Instant.parse(since), clock.instant());
        if (waited.compareTo(FIRST_RECHECK) < 0) {
            return FIRST_RECHECK;
        }
        return waited.compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : waited;
    }
}
