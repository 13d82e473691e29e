package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.OrgKey;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place that resolves the org a resource refers to (orgRef kind and name, from the resource's namespace) and
 * decides whether the resource may talk to it: a SalesforceOrg must be in the resource's own namespace, a
 * ClusterSalesforceOrg must allow the namespace, and either must be Ready. Every kind that refers to an org goes
 * through here. Calls Salesforce only to refill the catalog after a restart; reads the org's Secrets only when a
 * reconcile uses the client.
 */
public class OrgGate {

    private final SalesforceClients clients;
    private final OrgCatalog catalog;
    private final ClusterOrgs clusterOrgs;

    public OrgGate(SalesforceClients clients, OrgCatalog catalog, ClusterOrgs clusterOrgs) {
        this.clients = clients;
        this.catalog = catalog;
        this.clusterOrgs = clusterOrgs;
    }

    /** The catalog key of the org a reference from {@code namespace} names (see OrgKey). */
    public static String key(String namespace, OrgReference ref) {
        return ref.cluster() ? OrgKey.cluster(ref.getName()) : OrgKey.namespaced(namespace, ref.getName());
    }

    /** Two references from one namespace name the same org: kind and name (a SalesforceOrg and a ClusterSalesforceOrg of one name are two orgs). */
    public static boolean sameOrg(OrgReference a, OrgReference b) {
        return a != null && b != null && a.cluster() == b.cluster() && java.util.Objects.equals(a.getName(), b.getName());
    }

    /** "SalesforceOrg team-a/prod" or "ClusterSalesforceOrg prod", for messages. */
    public static String describe(String namespace, OrgReference ref) {
        return ref.cluster() ? "ClusterSalesforceOrg " + ref.getName() : "SalesforceOrg " + namespace + "/" + ref.getName();
    }

    /**
     * The org the reference names, whether or not it allows the namespace (a cluster org as its SalesforceOrg view):
     * what ownership claims need to learn another resource's org id.
     */
    public Optional<SalesforceOrg> lookup(String namespace, OrgReference ref, OrgDirectory directory) {
        if (ref == null || ref.getName() == null) {
            return Optional.empty();
        }
        return ref.cluster() ? directory.cluster(ref.getName()).map(clusterOrgs::view) : directory.namespaced(namespace, ref.getName());
    }

    /**
     * The org a resource in {@code namespace} may use, Ready or not (its policy applies before anything else).
     *
     * @return empty when the org does not exist
     * @throws OrgNotReadyException NamespaceNotAllowed when a cluster org does not allow the namespace
     */
    public Optional<SalesforceOrg> find(String namespace, OrgReference ref, OrgDirectory directory) throws OrgNotReadyException {
        if (!ref.cluster()) {
            return directory.namespaced(namespace, ref.getName());
        }
        Optional<ClusterSalesforceOrg> org = directory.cluster(ref.getName());
        if (org.isPresent() && !ClusterOrgs.allows(org.get(), directory.namespace(namespace).orElse(null), namespace)) {
            throw new OrgRefusedException(Reasons.NAMESPACE_NOT_ALLOWED, "ClusterSalesforceOrg " + ref.getName()
                    + " does not allow namespace " + namespace + " (spec.allowedNamespaces); nothing was sent to Salesforce."
                    + " The platform team can list the namespace or give it a label the selector matches.");
        }
        return org.map(clusterOrgs::view);
    }

    /** Whether the org a resource uses is a ClusterSalesforceOrg (its view), where absent policy fields are stricter. */
    public static boolean isCluster(SalesforceOrg org) {
        return OrgKey.isClusterView(org);
    }

    /**
     * The org a resource may write to, checked in this order, each without a Salesforce call: the namespace is allowed,
     * the spec keeps to the org's policy (from the cached org alone, so a tightened policy applies on the next
     * reconcile), the org is Ready.
     *
     * @param policy the first rule of the org's policy the resource breaks, as a message naming it and the value
     * @throws OrgRefusedException  NamespaceNotAllowed or PolicyViolation
     * @throws OrgNotReadyException the org is missing or not Ready
     */
    public OrgAccess admit(String namespace, OrgReference ref, OrgDirectory directory,
                           Function<SalesforceOrg, Optional<String>> policy) throws OrgNotReadyException {
        Optional<SalesforceOrg> org = find(namespace, ref, directory);
        Optional<String> violation = org.flatMap(policy);
        if (violation.isPresent()) {
            throw new OrgRefusedException(Reasons.POLICY_VIOLATION, describe(namespace, ref) + " does not allow this: " + violation.get()
                    + ". Nothing was sent to Salesforce; what exists there is left as it is.");
        }
        return open(namespace, ref, org);
    }

    /**
     * The org for retiring what a resource owns: whether the namespace is still allowed does not matter, since
     * retiring only takes access away and a resource that was never allowed owns nothing.
     */
    public OrgAccess openForRetirement(String namespace, OrgReference ref, OrgDirectory directory) throws OrgNotReadyException {
        return open(namespace, ref, lookup(namespace, ref, directory));
    }

    private OrgAccess open(String namespace, OrgReference ref, Optional<SalesforceOrg> org) throws OrgNotReadyException {
        SalesforceOrg found = org.orElseThrow(() -> new OrgNotReadyException(Reasons.ORG_NOT_READY, describe(namespace, ref)
                + " does not exist" + (ref.cluster() ? "" : "; resources can only reference a SalesforceOrg in their own namespace")));
        // an org being deleted waits (InUse) for its resources, which still need it to retire what they own
        boolean draining = found.getMetadata().getDeletionTimestamp() != null && found.getStatus() != null
                && found.getStatus().condition(ConditionTypes.READY).map(c -> Reasons.IN_USE.equals(c.getReason())).orElse(false)
                && found.getStatus().isTrue(ConditionTypes.AUTHENTICATED);
        boolean ready = draining || (found.getStatus() != null && found.getStatus().isTrue(ConditionTypes.READY));
        String key = OrgKey.of(found);
        if (!ready) {
            String why = found.getStatus() == null ? "has no status yet"
                    : found.getStatus().condition(ConditionTypes.READY).map(c -> "is not Ready (" + c.getReason() + ": " + c.getMessage() + ")")
                    .orElse("has not been reconciled yet");
            throw new OrgNotReadyException(Reasons.ORG_NOT_READY, describe(namespace, ref) + " " + why);
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
