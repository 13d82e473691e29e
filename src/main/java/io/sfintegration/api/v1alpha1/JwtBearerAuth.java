package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class JwtBearerAuth {

    @Required
    @JsonPropertyDescription("Consumer key of the connected app (the JWT's iss claim).")
    private String clientId;

    @Required
    @JsonPropertyDescription("Username the operator acts as (the JWT's sub claim); needs permission to manage users and permission sets.")
    private String username;

    @Required
    @JsonPropertyDescription("Secret key holding the PEM private key whose certificate is uploaded to the connected app.")
    private SecretKeyRef privateKeySecretRef;

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public SecretKeyRef getPrivateKeySecretRef() {
        return privateKeySecretRef;
    }

    public void setPrivateKeySecretRef(SecretKeyRef privateKeySecretRef) {
        this.privateKeySecretRef = privateKeySecretRef;
    }
}
