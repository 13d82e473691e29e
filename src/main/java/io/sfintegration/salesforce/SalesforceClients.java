package io.sfintegration.salesforce;

import io.sfintegration.api.v1alpha1.SalesforceOrg;

/** Hands out the client for an org, built from its spec and Secrets; controllers never see credentials. */
public interface SalesforceClients {

    /**
     * The client for this org (cached while its spec and Secrets are unchanged).
     *
     * @throws CredentialsException when a Secret or key it references is missing or unreadable
     */
    SalesforceClient forOrg(SalesforceOrg org);

    /** Drops the cached client and token of an org (deleted, or its credentials changed). */
    void forget(SalesforceOrg org);

    /**
     * The per-reconcile call budgets every client of this operator charges its requests to. The default, for
     * hand-made clients in tests, is budgets that no request is charged to.
     */
    default CallBudgets budgets() {
        return new CallBudgets(1);
    }
}
