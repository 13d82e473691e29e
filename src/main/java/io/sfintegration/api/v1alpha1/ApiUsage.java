package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

public class ApiUsage {

    @JsonPropertyDescription("API requests used in the rolling 24 hours.")
    private Long used;

    @JsonPropertyDescription("The org's daily API allocation.")
    private Long max;

    public ApiUsage() {
    }

    public ApiUsage(Long used, Long max) {
        this.used = used;
        this.max = max;
    }

    public Long getUsed() {
        return used;
    }

    public void setUsed(Long used) {
        this.used = used;
    }

    public Long getMax() {
        return max;
    }

    public void setMax(Long max) {
        this.max = max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiUsage other && Objects.equals(used, other.used) && Objects.equals(max, other.max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(used, max);
    }
}
