package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

public class SalesforceOrgSpec {

    public static final String DEFAULT_API_VERSION = "62.0";

    @Required
    @Pattern("^https?://[^\\s/]+(:[0-9]+)?/?$")
    @JsonPropertyDescription("The org's My Domain URL, e.g. https://acme.my.salesforce.com. REST calls go here.")
    private String instanceUrl;

    @Pattern("^https?://[^\\s/]+(:[0-9]+)?/?$")
    @JsonPropertyDescription("Base URL of the OAuth token endpoint (e.g. https://login.salesforce.com or https://test.salesforce.com for sandboxes). Defaults to instanceUrl; the client-credentials flow always uses instanceUrl.")
    private String loginUrl;

    // no schema default: the operator applies it (status.apiVersion shows the version in use), so a newer operator can
    // move the default without rewriting stored objects, and Argo CD sees no field the API server added
    @Pattern("^[0-9]{2,3}\\.0$")
    @JsonPropertyDescription("Salesforce REST API version to use, e.g. 62.0. Defaults to the operator's (" + DEFAULT_API_VERSION + "); status.apiVersion shows the one in use.")
    private String apiVersion = DEFAULT_API_VERSION;

    @Required
    @JsonPropertyDescription("How the operator authenticates. Exactly one method must be set.")
    private OrgAuth auth;

    @JsonPropertyDescription("How much of the org's daily API allocation the operator may spend.")
    private ApiBudget apiBudget = new ApiBudget();

    @JsonPropertyDescription("Drift detection for everything the operator manages in this org.")
    private DriftSettings drift = new DriftSettings();

    @JsonPropertyDescription("Guardrails for the PermissionSets and IntegrationUsers that use this org, checked before any Salesforce write: "
            + "a violation is Ready=False PolicyViolation and nothing is written. Applies with its defaults when absent.")
    private OrgPolicy policy;

    public OrgPolicy getPolicy() {
        return policy;
    }

    public void setPolicy(OrgPolicy policy) {
        this.policy = policy;
    }

    public String getInstanceUrl() {
        return instanceUrl;
    }

    public void setInstanceUrl(String instanceUrl) {
        this.instanceUrl = instanceUrl;
    }

    public String getLoginUrl() {
        return loginUrl;
    }

    public void setLoginUrl(String loginUrl) {
        this.loginUrl = loginUrl;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public OrgAuth getAuth() {
        return auth;
    }

    public void setAuth(OrgAuth auth) {
        this.auth = auth;
    }

    public ApiBudget getApiBudget() {
        return apiBudget;
    }

    public void setApiBudget(ApiBudget apiBudget) {
        this.apiBudget = apiBudget;
    }

    public DriftSettings getDrift() {
        return drift;
    }

    public void setDrift(DriftSettings drift) {
        this.drift = drift;
    }
}
