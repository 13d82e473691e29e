package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

public class LicenseCapacity {

    @JsonPropertyDescription("Licence name, e.g. Salesforce Integration.")
    private String name;

    @JsonPropertyDescription("UserLicense or PermissionSetLicense.")
    private String type;

    @JsonPropertyDescription("Seats in the org.")
    private Integer total;

    @JsonPropertyDescription("Seats in use.")
    private Integer used;

    @JsonPropertyDescription("Seats free (total - used).")
    private Integer available;

    public LicenseCapacity() {
    }

    public LicenseCapacity(String name, String type, int total, int used) {
        this.name = name;
        this.type = type;
        this.total = total;
        this.used = used;
        this.available = Math.max(0, total - used);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Integer getTotal() {
        return total;
    }

    public void setTotal(Integer total) {
        this.total = total;
    }

    public Integer getUsed() {
        return used;
    }

    public void setUsed(Integer used) {
        this.used = used;
    }

    public Integer getAvailable() {
        return available;
    }

    public void setAvailable(Integer available) {
        this.available = available;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LicenseCapacity other && Objects.equals(name, other.name) && Objects.equals(type, other.type)
                && Objects.equals(total, other.total) && Objects.equals(used, other.used)
                && Objects.equals(available, other.available);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, total, used, available);
    }
}
