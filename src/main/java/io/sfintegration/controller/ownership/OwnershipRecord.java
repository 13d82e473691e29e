package io.sfintegration.controller.ownership;

import io.sfintegration.salesforce.Soql;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The durable record, kept in an annotation on the resource, of what the operator owns in Salesforce for it. Status is
 * only a cache: it may be lost (backup/restore, an edit by someone else); this record is written before a create is
 * sent (write-ahead), so a create whose answer was lost is recognised on the next reconcile instead of being sent again.
 *
 * @param org         the org id (00D...) the record lives in
 * @param id          the Salesforce id of the user or permission set; null while the create is pending
 * @param name        the username or permission-set API name it was created or adopted under
 * @param origin      created by the operator or adopted
 * @param pending     a create was (or is about to be) sent and its answer is not recorded yet
 * @param assignments ids of the assignments (permission set and licence) the operator's own creates returned
 * @param intents     ids of the permission sets and licences whose assignment create is in flight
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OwnershipRecord(String org, String id, String name, Origin origin, boolean pending,
                              List<String> assignments, List<String> intents) {

    public OwnershipRecord {
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
        intents = intents == null ? List.of() : List.copyOf(intents);
    }

    /** Written before a create is sent. */
    public static OwnershipRecord pendingCreate(String org, String name) {
        return new OwnershipRecord(org, null, name, Origin.Created, true, List.of(), List.of());
    }

    public static OwnershipRecord adopted(String org, String id, String name) {
        return new OwnershipRecord(org, id, name, Origin.Adopted, false, List.of(), List.of());
    }

    public OwnershipRecord created(String recordId) {
        return new OwnershipRecord(org, recordId, name, origin, false, assignments, intents);
    }

    public OwnershipRecord withIntents(Set<String> targetIds) {
        Set<String> all = new LinkedHashSet<>(intents);
        all.addAll(targetIds);
        return new OwnershipRecord(org, id, name, origin, pending, assignments, new ArrayList<>(all));
    }

    /** Assignments now known by id: they are ours, and their targets are no longer in flight. */
    public OwnershipRecord withAssignments(Set<String> assignmentIds, Set<String> settledTargets) {
        Set<String> all = new LinkedHashSet<>(assignments);
        all.addAll(assignmentIds);
        List<String> stillInFlight = intents.stream().filter(t -> settledTargets.stream().noneMatch(s -> Soql.sameId(s, t))).toList();
        return new OwnershipRecord(org, id, name, origin, pending, new ArrayList<>(all), stillInFlight);
    }

    public OwnershipRecord withoutAssignments(Set<String> removed) {
        List<String> left = assignments.stream().filter(a -> removed.stream().noneMatch(r -> Soql.sameId(r, a))).toList();
        return new OwnershipRecord(org, id, name, origin, pending, left, intents);
    }

    public boolean ownsAssignment(String assignmentId) {
        return assignments.stream().anyMatch(a -> Soql.sameId(a, assignmentId));
    }

    public boolean intends(String targetId) {
        return intents.stream().anyMatch(t -> Soql.sameId(t, targetId));
    }

    public boolean created() {
        return origin == Origin.Created;
    }
}
