package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.PermissionSetState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves {@link PermissionSetReference}s (IntegrationUser.spec.permissionSets, PermissionSetGroup.spec.permissionSets)
 * to Salesforce ids: a ref from the PermissionSet resource's status, a name from the org catalog, and only names the
 * catalog does not know from one bulk read.
 */
public final class PermissionSetReferences {

    /** A reference that cannot be resolved (yet); reason is a condition reason. */
    public static final class Unresolved extends Exception {
        private final String reason;
        private final boolean waiting;

        Unresolved(String reason, String message, boolean waiting) {
            super(message);
            this.reason = reason;
            this.waiting = waiting;
        }

        public String reason() {
            return reason;
        }

        /** True when it clears by itself (a PermissionSet becoming Ready). */
        public boolean waiting() {
            return waiting;
        }
    }

    private final OrgCatalog catalog;

    public PermissionSetReferences(OrgCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * API name to id, in spec order. A referenced PermissionSet being deleted is left out (desired absent).
     *
     * @param orgRef the referring resource's org: a referenced PermissionSet must live in the same one
     */
    public Map<String, String> resolve(List<PermissionSetReference> refs, OrgReference orgRef, OrgAccess org,
                                       Function<String, Optional<PermissionSet>> permissionSetByRef) throws Unresolved {
        Map<String, String> permissionSets = new LinkedHashMap<>();
        List<String> unmanagedNames = new ArrayList<>();
        for (PermissionSetReference ref : refs) {
            if (ref.getRef() != null && !ref.getRef().isBlank()) {
                PermissionSet ps = permissionSetByRef.apply(ref.getRef()).orElseThrow(() -> new Unresolved(
                        Reasons.PERMISSION_SET_NOT_READY, "PermissionSet " + ref.getRef() + " does not exist in this namespace", true));
                if (ps.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                if (!OrgGate.sameOrg(ps.getSpec().getOrgRef(), orgRef)) {
                    throw new Unresolved(Reasons.INVALID_SPEC, "PermissionSet " + ref.getRef() + " belongs to "
                            + OrgGate.describe(ps.getMetadata().getNamespace(), ps.getSpec().getOrgRef()) + ", not "
                            + OrgGate.describe(ps.getMetadata().getNamespace(), orgRef), false);
                }
                if (ps.getStatus() == null || ps.getStatus().getPermissionSetId() == null || !ps.getStatus().isTrue(ConditionTypes.READY)) {
                    throw new Unresolved(Reasons.PERMISSION_SET_NOT_READY, "Waiting for PermissionSet " + ref.getRef() + " to be Ready", true);
                }
                permissionSets.put(ps.getSpec().getName(), ps.getStatus().getPermissionSetId());
            } else {
                Optional<String> known = catalog.permissionSetId(org.key(), ref.getName());
                permissionSets.put(ref.getName(), known.orElse(null));
                if (known.isEmpty()) {
                    unmanagedNames.add(ref.getName());
                }
            }
        }
        if (!unmanagedNames.isEmpty()) {
            Map<String, PermissionSetState> found = org.client().findPermissionSets(unmanagedNames);
            for (String name : unmanagedNames) {
                PermissionSetState ps = found.get(name.toLowerCase(Locale.ROOT));
                if (ps == null || ps.ownedByProfile()) {
                    throw new Unresolved(Reasons.PERMISSION_SET_NOT_FOUND, "The org has no permission set with API name '" + name + "'", false);
                }
                catalog.rememberPermissionSet(org.key(), name, ps.id());
                permissionSets.put(name, ps.id());
            }
        }
        return permissionSets;
    }
}
