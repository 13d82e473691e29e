package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.api.v1alpha1.PermissionSetGroupReference;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.OrgGate;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.PermissionSetGroupIds;
import io.sfintegration.salesforce.PermissionSetGroupState;
import io.sfintegration.salesforce.Soql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves IntegrationUser.spec.permissionSetGroups to group ids, as {@link io.sfintegration.controller.PermissionSetReferences}
 * does for sets: a ref from the PermissionSetGroup resource's status (Ready: recalculated), a name from the org
 * catalog, and only names it does not know from one bulk read. Keys are the groups' names as assignments show them
 * ({@link PermissionSetGroupIds#display}).
 */
final class GroupReferences {

    /** Catalog keys of group names: a group and a set may share an API name. */
    private static final String CATALOG_PREFIX = "group:";

    private final OrgCatalog catalog;

    GroupReferences(OrgCatalog catalog) {
        this.catalog = catalog;
    }

    Map<String, String> resolve(List<PermissionSetGroupReference> refs, OrgReference orgRef, OrgAccess org,
                                Function<String, Optional<PermissionSetGroup>> groupByRef) throws ResolutionException {
        Map<String, String> groups = new LinkedHashMap<>();
        List<String> unknownNames = new ArrayList<>();
        for (PermissionSetGroupReference ref : refs) {
            if (ref.getRef() != null && !ref.getRef().isBlank()) {
                PermissionSetGroup g = groupByRef.apply(ref.getRef()).orElseThrow(() -> new ResolutionException(
                        Reasons.PERMISSION_SET_NOT_READY, "PermissionSetGroup " + ref.getRef() + " does not exist in this namespace", true));
                if (g.getMetadata().getDeletionTimestamp() != null) {
                    continue;   // a group being deleted is desired absent, as for sets
                }
                if (!OrgGate.sameOrg(g.getSpec().getOrgRef(), orgRef)) {
                    throw new ResolutionException(Reasons.INVALID_SPEC, "PermissionSetGroup " + ref.getRef() + " belongs to "
                            + OrgGate.describe(g.getMetadata().getNamespace(), g.getSpec().getOrgRef()) + ", not "
                            + OrgGate.describe(g.getMetadata().getNamespace(), orgRef), false);
                }
                if (g.getStatus() == null || g.getStatus().getPermissionSetGroupId() == null || !g.getStatus().isTrue(ConditionTypes.READY)) {
                    throw new ResolutionException(Reasons.PERMISSION_SET_NOT_READY, "Waiting for PermissionSetGroup " + ref.getRef()
                            + " to be Ready (recalculated)", true);
                }
                groups.put(PermissionSetGroupIds.display(g.getSpec().getName()), g.getStatus().getPermissionSetGroupId());
            } else {
                Optional<String> known = catalog.permissionSetId(org.key(), CATALOG_PREFIX + ref.getName());
                groups.put(PermissionSetGroupIds.display(ref.getName()), known.orElse(null));
                if (known.isEmpty()) {
                    unknownNames.add(ref.getName());
                }
            }
        }
        if (!unknownNames.isEmpty()) {
            Map<String, PermissionSetGroupState> found = org.client().findPermissionSetGroups(unknownNames);
            for (String name : unknownNames) {
                PermissionSetGroupState g = found.get(Soql.key(name));
                if (g == null) {
                    throw new ResolutionException(Reasons.PERMISSION_SET_NOT_FOUND, "The org has no permission set group with API name '" + name + "'", false);
                }
                catalog.rememberPermissionSet(org.key(), CATALOG_PREFIX + name, g.id());
                groups.put(PermissionSetGroupIds.display(name), g.id());
            }
        }
        return groups;
    }
}
