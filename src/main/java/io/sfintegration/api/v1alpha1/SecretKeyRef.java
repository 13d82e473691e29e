package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the namespace of the SalesforceOrg that references it. */
public class SecretKeyRef {

    @Required
    @JsonPropertyDescription("Name of the Secret, in the namespace of the SalesforceOrg.")
    private String name;

    @Required
    @JsonPropertyDescription("Key inside the Secret's data.")
    private String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
