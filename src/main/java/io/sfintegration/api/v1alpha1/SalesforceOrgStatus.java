package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SalesforceOrgStatus extends ConditionedStatus {

    @JsonPropertyDescription("The 18-character Salesforce organization id.")
    private String orgId;

    @JsonPropertyDescription("The REST API version in use.")
    private String apiVersion;

    @JsonPropertyDescription("The org's daily API usage as last reported by Salesforce (Sforce-Limit-Info).")
    private ApiUsage apiUsage;

    @JsonPropertyDescription("Capacity of the Salesforce Integration user licence and the Salesforce API Integration permission set licence.")
    private List<LicenseCapacity> licenses = new ArrayList<>();

    @JsonPropertyDescription("When the last drift scan of this org finished (RFC 3339).")
    private String lastDriftScan;

    @JsonPropertyDescription("The drift scan interval in force; longer than spec.drift.interval when the API budget is short.")
    private String effectiveDriftInterval;

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public ApiUsage getApiUsage() {
        return apiUsage;
    }

    public void setApiUsage(ApiUsage apiUsage) {
        this.apiUsage = apiUsage;
    }

    public List<LicenseCapacity> getLicenses() {
        return licenses;
    }

    public void setLicenses(List<LicenseCapacity> licenses) {
        this.licenses = licenses;
    }

    public String getLastDriftScan() {
        return lastDriftScan;
    }

    public void setLastDriftScan(String lastDriftScan) {
        this.lastDriftScan = lastDriftScan;
    }

    public String getEffectiveDriftInterval() {
        return effectiveDriftInterval;
    }

    public void setEffectiveDriftInterval(String effectiveDriftInterval) {
        this.effectiveDriftInterval = effectiveDriftInterval;
    }
}
