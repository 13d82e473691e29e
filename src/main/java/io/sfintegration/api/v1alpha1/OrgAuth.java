package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(
        value = "[has(self.jwtBearer), has(self.clientCredentials), has(self.accessTokenSecretRef)].filter(x, x).size() == 1",
        message = "set exactly one of jwtBearer, clientCredentials or accessTokenSecretRef")
public class OrgAuth {

    @JsonPropertyDescription("OAuth 2.0 JWT bearer flow (recommended for production): the operator signs a JWT with the connected app's private key.")
    private JwtBearerAuth jwtBearer;

    @JsonPropertyDescription("OAuth 2.0 client credentials flow: the connected app's consumer key and secret; the token acts as the app's run-as user.")
    private ClientCredentialsAuth clientCredentials;

    @JsonPropertyDescription("A ready-made access token in a Secret. For development against the emulator; real tokens expire.")
    private SecretKeyRef accessTokenSecretRef;

    public JwtBearerAuth getJwtBearer() {
        return jwtBearer;
    }

    public void setJwtBearer(JwtBearerAuth jwtBearer) {
        this.jwtBearer = jwtBearer;
    }

    public ClientCredentialsAuth getClientCredentials() {
        return clientCredentials;
    }

    public void setClientCredentials(ClientCredentialsAuth clientCredentials) {
        this.clientCredentials = clientCredentials;
    }

    public SecretKeyRef getAccessTokenSecretRef() {
        return accessTokenSecretRef;
    }

    public void setAccessTokenSecretRef(SecretKeyRef accessTokenSecretRef) {
        this.accessTokenSecretRef = accessTokenSecretRef;
    }
}
