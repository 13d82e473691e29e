package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

public class DriftSettings {

    @Default("10m")
    @Pattern("^([0-9]+(s|m|h))+$")
    @JsonPropertyDescription("How often the whole org is scanned for drift, as a duration such as 30s, 10m or 1h.")
    private String interval = "10m";

    @Default("Correct")
    @JsonPropertyDescription("Correct puts Salesforce back to the spec; Report only reports. Resources may override it with spec.driftPolicy.")
    private DriftPolicy policy = DriftPolicy.Correct;

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
}
