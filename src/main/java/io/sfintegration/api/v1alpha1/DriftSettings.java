package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

public class DriftSettings {

    // no schema default: the operator's sfio.drift.default-interval (10m unless configured) applies, and
    // status.effectiveDriftInterval shows the interval in force
    @Pattern("^([0-9]+(s|m|h))+$")
    @JsonPropertyDescription("How often the whole org is scanned for drift, as a duration such as 30s, 10m or 1h. Defaults to the operator's setting (10m unless configured); status.effectiveDriftInterval shows the interval in force.")
    private String interval;

    @Default("Correct")
    @JsonPropertyDescription("Correct puts Salesforce back to the spec; Report only reports. Resources may override it with spec.driftPolicy.")
    private DriftPolicy policy = DriftPolicy.Correct;

    // a person who deactivates, freezes or strips a compromised integration must not be overruled minutes later
    @Default("false")
    @JsonPropertyDescription("Whether drift correction may restore access that a person removed in Salesforce (a deactivated or frozen user, an unassigned permission set or licence, a permission, object, field or grant taken away). false (the default): such drift is reported as Drifted=True reason AccessRemovedInSalesforce and never undone, neither by the drift scan nor by a later reconcile; true: it is corrected like any other drift under policy Correct. Drift that adds access is corrected under Correct either way.")
    private Boolean restoreAccess = false;

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public DriftPolicy getPolicy() {
        return policy;
    }

    public void setPolicy(DriftPolicy policy) {
        this.policy = policy;
    }

    public Boolean getRestoreAccess() {
        return restoreAccess;
    }

    public void setRestoreAccess(Boolean restoreAccess) {
        this.restoreAccess = restoreAccess;
    }
}
