package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.GrantedSetupEntity;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.api.v1alpha1.PermissionSetStatus;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.EntityGrant;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.SetupEntityType;
import io.sfintegration.salesforce.Soql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The spec's connected apps, Apex classes and custom permissions as SetupEntityAccess rows (Object Reference,
 * "SetupEntityAccess"): names resolved to ids in bulk (one query per type, coalesced with other reconciles), then rows
 * created and removed so the set grants exactly what the spec lists, of these three types. Only ever called for a set
 * this resource owns; rows of other types (Visualforce pages, apps) are not looked at.
 */
final class PermissionSetGrants {

    /** A name the spec gives, of one type. */
    record Wanted(SetupEntityType type, String name) {
        String key() {
            return type.key(name);
        }
    }

    /** Some names the spec gives do not exist in the org: nothing is written. */
    static final class NotFound extends Exception {
        NotFound(String message) {
            super(message);
        }

        String reason() {
            return Reasons.NOT_FOUND;
        }
    }

    /** What applying the grants ended with. */
    record Outcome(boolean ok, String message) {
    }

    private final EventRecorder events;
    /**
     * Resolved ids by org and key. An entity's id never changes while it exists, so a burst of sets naming the same
     * apps resolves each name once; an id that stopped existing fails the row create (INVALID_CROSS_REFERENCE_KEY),
     * which drops the org's entries so the next reconcile asks again.
     */
    private final Map<String, Map<String, String>> resolvedByOrg = new java.util.concurrent.ConcurrentHashMap<>();

    PermissionSetGrants(EventRecorder events) {
        this.events = events;
    }

    static List<Wanted> wanted(PermissionSetSpec spec) {
        Map<String, Wanted> out = new LinkedHashMap<>();
        spec.getConnectedApps().forEach(n -> add(out, new Wanted(SetupEntityType.ConnectedApplication, n)));
        spec.getApexClasses().forEach(n -> add(out, new Wanted(SetupEntityType.ApexClass, n)));
        spec.getCustomPermissions().forEach(n -> add(out, new Wanted(SetupEntityType.CustomPermission, n)));
        return List.copyOf(out.values());
    }

    private static void add(Map<String, Wanted> out, Wanted w) {
        out.putIfAbsent(w.key(), w);
    }

    /** Resolves every name (no call when the spec lists none); throws naming all that the org lacks. */
    List<GrantedSetupEntity> resolve(PermissionSetSpec spec, OrgAccess org) throws NotFound {
        List<Wanted> wanted = wanted(spec);
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, String> known = resolvedByOrg.computeIfAbsent(org.key(), k -> new java.util.concurrent.ConcurrentHashMap<>());
        List<String> unknown = wanted.stream().map(Wanted::key).filter(k -> !known.containsKey(k)).toList();
        if (!unknown.isEmpty()) {
            known.putAll(org.client().findSetupEntities(unknown));
        }
        Map<String, String> ids = known;
        List<String> missing = new ArrayList<>();
        List<GrantedSetupEntity> out = new ArrayList<>();
        for (Wanted w : wanted) {
            String id = ids.get(w.key());
            if (id == null) {
                missing.add(label(w.type()) + " " + w.name());
            } else {
                out.add(new GrantedSetupEntity(w.type().name(), w.name(), id));
            }
        }
        if (!missing.isEmpty()) {
            throw new NotFound("The org has no " + String.join(", ", missing) + "; nothing was changed. Check the name (Apex classes and"
                    + " custom permissions of a managed package take the namespace prefix, ns__Name).");
        }
        return out;
    }

    /** The wanted grants that Salesforce has now: what a reconcile holding removed access may keep (see AccessHold). */
    static List<GrantedSetupEntity> present(List<GrantedSetupEntity> desired, List<EntityGrant> current) {
        java.util.Set<String> have = new java.util.HashSet<>();
        current.forEach(g -> have.add(Soql.idKey(g.entityId())));
        return desired.stream().filter(d -> have.contains(Soql.idKey(d.getId()))).toList();
    }

    /** Creates the missing rows and removes the rows of the managed types that the spec does not list. */
    Outcome converge(PermissionSet ps, String permissionSetId, List<GrantedSetupEntity> desired, List<EntityGrant> current, OrgAccess org) {
        Map<String, EntityGrant> have = new HashMap<>();
        current.forEach(g -> have.put(Soql.idKey(g.entityId()), g));
        List<EntityGrant> creates = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (GrantedSetupEntity d : desired) {
            if (have.remove(Soql.idKey(d.getId())) == null) {
                creates.add(new EntityGrant(null, permissionSetId, d.getId(), SetupEntityType.valueOf(d.getType())));
                added.add(d.getName());
            }
        }
        List<String> deletes = have.values().stream().map(EntityGrant::id).toList();
        List<SaveResult> results = new ArrayList<>();
        if (!creates.isEmpty()) {
            results.addAll(org.client().grantSetupEntities(creates));
        }
        if (!deletes.isEmpty()) {
            results.addAll(org.client().deleteRecords(deletes));
        }
        List<SaveResult> failed = results.stream().filter(r -> !r.success()).toList();
        if (failed.stream().anyMatch(r -> r.errors().stream().anyMatch(e -> SalesforceException.isTransientCode(e.errorCode())))) {
            throw new SalesforceException(400, failed.get(0).errors(), true);
        }
        if (failed.stream().anyMatch(r -> r.hasErrorCode("INVALID_CROSS_REFERENCE_KEY"))) {
            resolvedByOrg.remove(org.key());   // an entity went away since it was resolved
        }
        if (!failed.isEmpty()) {
            return new Outcome(false, "Salesforce refused changing the setup entity access of " + ps.getSpec().getName() + ": "
                    + failed.stream().flatMap(r -> r.errors().stream()).map(Object::toString).collect(Collectors.joining("; ")));
        }
        if (!creates.isEmpty() || !deletes.isEmpty()) {
            events.normal(ps, "Updated", "Permission set " + ps.getSpec().getName() + ": granted " + (added.isEmpty() ? "nothing new" : added)
                    + (deletes.isEmpty() ? "" : ", removed " + deletes.size() + " grant(s) the spec does not list"));
        }
        return new Outcome(true, null);
    }

    /**
     * For the drift scan: the grants found against those the spec lists, using the ids the last reconcile resolved
     * (status.grants); names not resolved yet are the reconcile's business, not drift.
     */
    static List<String> differences(PermissionSetSpec spec, PermissionSetStatus status, List<EntityGrant> actual) {
        List<Wanted> wanted = wanted(spec);
        Map<String, GrantedSetupEntity> resolved = new HashMap<>();
        if (status != null && status.getGrants() != null) {
            status.getGrants().forEach(g -> SetupEntityType.ofValue(g.getType()).ifPresent(t -> resolved.put(t.key(g.getName()), g)));
        }
        if (wanted.stream().anyMatch(w -> !resolved.containsKey(w.key()))) {
            return List.of();
        }
        Map<String, EntityGrant> have = new HashMap<>();
        actual.forEach(g -> have.put(Soql.idKey(g.entityId()), g));
        List<String> out = new ArrayList<>();
        for (Wanted w : wanted) {
            if (have.remove(Soql.idKey(resolved.get(w.key()).getId())) == null) {
                out.add(field(w.type()) + " " + w.name() + ": expected granted, found not granted");
            }
        }
        Map<String, String> namesById = new HashMap<>();
        resolved.values().forEach(g -> namesById.put(Soql.idKey(g.getId()), g.getName()));
        for (EntityGrant extra : have.values()) {
            out.add(field(extra.type()) + " " + namesById.getOrDefault(Soql.idKey(extra.entityId()), extra.entityId())
                    + ": expected not granted, found granted");
        }
        return out;
    }

    static String field(SetupEntityType type) {
        return switch (type) {
            case ConnectedApplication -> "connectedApps";
            case ApexClass -> "apexClasses";
            case CustomPermission -> "customPermissions";
        };
    }

    private static String label(SetupEntityType type) {
        return switch (type) {
            case ConnectedApplication -> "connected app";
            case ApexClass -> "Apex class";
            case CustomPermission -> "custom permission";
        };
    }
}
