package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.SalesforceClient;

/** A Ready org as a reconcile sees it: its resource, a client and what the catalog knows about it. */
public record OrgAccess(String key, SalesforceOrg org, SalesforceClient client, OrgSnapshot snapshot) {

    public DriftPolicy driftPolicy(DriftPolicy override) {
        if (override != null) {
            return override;
        }
        return org.getSpec().getDrift() == null || org.getSpec().getDrift().getPolicy() == null
                ? DriftPolicy.Correct : org.getSpec().getDrift().getPolicy();
    }
}
