package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class ApiBudget {

    @Default("10")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Share (percent) of the org's daily API allocation the operator may use for background work such as drift scans. Changes people ask for are still served until the org's hard limit.")
    private Integer maxDailyPercent = 10;

    public Integer getMaxDailyPercent() {
        return maxDailyPercent;
    }

    public void setMaxDailyPercent(Integer maxDailyPercent) {
        this.maxDailyPercent = maxDailyPercent;
    }
}
