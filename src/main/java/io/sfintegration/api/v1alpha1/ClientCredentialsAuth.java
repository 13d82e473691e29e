package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class ClientCredentialsAuth {

    @Required
    @JsonPropertyDescription("Secret key holding the connected app's consumer key.")
    private SecretKeyRef clientIdSecretRef;

    @Required
    @JsonPropertyDescription("Secret key holding the connected app's consumer secret.")
    private SecretKeyRef clientSecretSecretRef;

    public SecretKeyRef getClientIdSecretRef() {
        return clientIdSecretRef;
    }

    public void setClientIdSecretRef(SecretKeyRef clientIdSecretRef) {
        this.clientIdSecretRef = clientIdSecretRef;
    }

    public SecretKeyRef getClientSecretSecretRef() {
        return clientSecretSecretRef;
    }

    public void setClientSecretSecretRef(SecretKeyRef clientSecretSecretRef) {
        this.clientSecretSecretRef = clientSecretSecretRef;
    }
}
