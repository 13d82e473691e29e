package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.SalesforceClient;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Ready org as a reconcile sees it: its resource, what the catalog knows about it, and a client. The client is
 * resolved on first use, so a reconcile that finds nothing to do reads no credentials Secret and makes no call.
 */
public final class OrgAccess {

    private final String key;
    private final SalesforceOrg org;
    private final OrgSnapshot snapshot;
    private final Supplier<SalesforceClient> clientSource;
    private SalesforceClient client;

    public OrgAccess(String key, SalesforceOrg org, SalesforceClient client, OrgSnapshot snapshot) {
        this(key, org, () -> client, snapshot);
    }

    private OrgAccess(String key, SalesforceOrg org, Supplier<SalesforceClient> clientSource, OrgSnapshot snapshot) {
        this.key = key;
        this.org = org;
        this.clientSource = Objects.requireNonNull(clientSource);
        this.snapshot = snapshot;
    }

    /** The client is built (credentials read) only when the reconcile first needs Salesforce. */
    public static OrgAccess lazy(String key, SalesforceOrg org, Supplier<SalesforceClient> client, OrgSnapshot snapshot) {
        return new OrgAccess(key, org, client, snapshot);
    }

    public String key() {
        return key;
    }

    public SalesforceOrg org() {
        return org;
    }

    public OrgSnapshot snapshot() {
        return snapshot;
    }

    public synchronized SalesforceClient client() {
        if (client == null) {
            client = clientSource.get();
        }
        return client;
    }

    public DriftPolicy driftPolicy(DriftPolicy override) {
        if (override != null) {
            return override;
        }
        return org.getSpec().getDrift() == null || org.getSpec().getDrift().getPolicy() == null
                ? DriftPolicy.Correct : org.getSpec().getDrift().getPolicy();
    }

    /** spec.drift.restoreAccess: whether corrections may give back access a person removed in Salesforce (default no). */
    public boolean restoreAccess() {
        return org.getSpec().getDrift() != null && Boolean.TRUE.equals(org.getSpec().getDrift().getRestoreAccess());
    }
}
