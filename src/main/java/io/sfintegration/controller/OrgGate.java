package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a resource may talk to its org: the org must exist in the resource's own namespace and be Ready,
 * Calls Salesforce only to refill the catalog after a restart; reads the org's Secrets only when a reconcile uses the client.
 */
public class OrgGate {

    private final SalesforceClients clients;
    private final OrgCatalog catalog;

    public OrgGate(SalesforceClients clients, OrgCatalog catalog) {
        this.clients = clients;
        this.catalog = catalog;
    }

    /**
     * @param org the SalesforceOrg named by the resource's orgRef in the resource's namespace, if it exists
     */
    public OrgAccess open(String namespace, String orgName, Optional<SalesforceOrg> org) throws OrgNotReadyException {
        SalesforceOrg found = org.orElseThrow(() -> new OrgNotReadyException(Reasons.ORG_NOT_READY,
                "SalesforceOrg " + namespace + "/" + orgName + " does not exist; resources can only reference an org in their own namespace"));
        // an org being deleted waits (InUse) for its resources, which still need it to retire what they own
        boolean draining = found.getMetadata().getDeletionTimestamp() != null && found.getStatus() != null
                && found.getStatus().condition(ConditionTypes.READY).map(c -> Reasons.IN_USE.equals(c.getReason())).orElse(false)
                && found.getStatus().isTrue(ConditionTypes.AUTHENTICATED);
        boolean ready = draining || (found.getStatus() != null && found.getStatus().isTrue(ConditionTypes.READY));
        String key = OrgCatalog.key(namespace, orgName);
        if (!ready) {
            String why = found.getStatus() == null ? "has no status yet"
                    : found.getStatus().condition(ConditionTypes.READY).map(c -> "is not Ready (" + c.getReason() + ": " + c.getMessage() + ")")
                    .orElse("has not been reconciled yet");
            throw new OrgNotReadyException(Reasons.ORG_NOT_READY, "SalesforceOrg " + namespace + "/" + orgName + " " + why);
        }
        Optional<OrgSnapshot> known = catalog.snapshot(key);
        if (known.isPresent()) {
            return OrgAccess.lazy(key, found, () -> clients.forOrg(found), known.get());
        }
        SalesforceClient client = clients.forOrg(found);
        // after a restart the org is Ready before its controller has refilled the catalog: one caller reads it
        OrgSnapshot snapshot = catalog.refreshIfOlderThan(key, Duration.ofMinutes(1),
                () -> client.describeOrg(OrgDefaults.WATCHED_LICENSES, OrgDefaults.WATCHED_PROFILES));
        return new OrgAccess(key, found, client, snapshot);
    }
}
