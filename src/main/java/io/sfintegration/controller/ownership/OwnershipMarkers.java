package io.sfintegration.controller.ownership;

import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.SaveResult;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The marker permission set of this installation in each org: empty, without licence, assigned to every user the
 * installation manages. Found before it is created; its id is cached in the org catalog. It is never deleted.
 */
public final class OwnershipMarkers {

    private final OrgCatalog catalog;
    private final Installation installation;

    public OwnershipMarkers(OrgCatalog catalog, Installation installation) {
        this.catalog = catalog;
        this.installation = installation;
    }

    public Installation installation() {
        return installation;
    }

    /** The marker's id if it exists (a read at most, never a write): for the drift scan. */
    public Optional<String> known(OrgAccess org) {
        String name = installation.markerPermissionSet();
        Optional<String> cached = catalog.permissionSetId(org.key(), name);
        if (cached.isPresent()) {
            return cached;
        }
        PermissionSetState found = org.client().findPermissionSets(List.of(name)).get(name.toLowerCase(Locale.ROOT));
        if (found == null) {
            return Optional.empty();
        }
        catalog.rememberPermissionSet(org.key(), name, found.id());
        return Optional.of(found.id());
    }

    /** The marker's id, creating the marker the first time this installation writes to the org. */
    // synchronized: two reconciles of one org must not both create it (rare: once per org and installation)
    public synchronized String ensure(OrgAccess org) {
        Optional<String> known = known(org);
        if (known.isPresent()) {
            return known.get();
        }
        String name = installation.markerPermissionSet();
        SaveResult created = org.client().createPermissionSet(new PermissionSetFields(name,
                "Managed by integration-user-operator " + installation.id(),
                "Marks the users that integration-user-operator installation " + installation.id()
                        + " manages. Grants nothing. Do not assign or remove it by hand.",
                null, Set.of()), List.of(), List.of());
        if (!created.success()) {
            // another writer won the race: the next attempt finds its marker
            boolean duplicate = created.errors().stream().anyMatch(e -> e.errorCode() != null && e.errorCode().startsWith("DUPLICATE"));
            throw new io.sfintegration.salesforce.SalesforceException(400, created.errors(), duplicate);
        }
        catalog.rememberPermissionSet(org.key(), name, created.id());
        return created.id();
    }
}
