package io.sfintegration.salesforce.http;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import io.sfintegration.salesforce.CredentialsException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an org's credentials from Secrets in the org's own namespace, by name (GET only: no list, no watch, no other
 * namespace).
 */
final class CredentialsReader {

    /** The parsed credentials and a fingerprint of the Secret versions they came from. */
    record Read(OrgCredentials credentials, String fingerprint) {
    }

    /** The raw values, before parsing (parsing a key is only needed when the fingerprint changed). */
    record Raw(String kind, Map<String, String> values, String fingerprint) {
    }

    private final KubernetesClient kubernetes;

    CredentialsReader(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    Raw readRaw(SalesforceOrg org) {
        String namespace = org.getMetadata().getNamespace();
        OrgAuth auth = org.getSpec().getAuth();
        if (auth == null) {
            throw new CredentialsException("InvalidCredentials", "spec.auth is missing");
        }
        Map<String, String> versions = new TreeMap<>();
        Map<String, String> values = new TreeMap<>();
        String kind;
        if (auth.getJwtBearer() != null) {
            kind = "jwt";
            values.put("privateKey", value(namespace, auth.getJwtBearer().getPrivateKeySecretRef(), versions));
        } else if (auth.getClientCredentials() != null) {
            kind = "clientCredentials";
            values.put("clientId", value(namespace, auth.getClientCredentials().getClientIdSecretRef(), versions));
            values.put("clientSecret", value(namespace, auth.getClientCredentials().getClientSecretSecretRef(), versions));
        } else if (auth.getAccessTokenSecretRef() != null) {
            kind = "static";
            values.put("accessToken", value(namespace, auth.getAccessTokenSecretRef(), versions));
        } else {
            throw new CredentialsException("InvalidCredentials", "spec.auth sets no authentication method");
        }
        return new Raw(kind, values, kind + ":" + versions);
    }

    static OrgCredentials parse(SalesforceOrg org, Raw raw) {
        OrgAuth auth = org.getSpec().getAuth();
        return switch (raw.kind()) {
            case "jwt" -> {
                SecretKeyRef ref = auth.getJwtBearer().getPrivateKeySecretRef();
                yield new OrgCredentials.JwtBearer(auth.getJwtBearer().getClientId(), auth.getJwtBearer().getUsername(),
                        PemPrivateKeys.parse(raw.values().get("privateKey"), describe(ref)));
            }
            case "clientCredentials" -> new OrgCredentials.ClientCredentials(raw.values().get("clientId").trim(),
                    raw.values().get("clientSecret").trim());
            default -> new OrgCredentials.StaticToken(raw.values().get("accessToken").trim());
        };
    }

    private String value(String namespace, SecretKeyRef ref, Map<String, String> versions) {
        if (ref == null || ref.getName() == null || ref.getKey() == null) {
            throw new CredentialsException("SecretNotFound", "a Secret reference in spec.auth has no name or key");
        }
        Secret secret = kubernetes.secrets().inNamespace(namespace).withName(ref.getName()).get();
        if (secret == null) {
            throw new CredentialsException("SecretNotFound",
                    "Secret " + namespace + "/" + ref.getName() + " not found (needed for key " + ref.getKey() + ")");
        }
        versions.put(ref.getName(), String.valueOf(secret.getMetadata().getResourceVersion()));
        String value = null;
        if (secret.getData() != null && secret.getData().get(ref.getKey()) != null) {
            try {
                value = new String(Base64.getMimeDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialsException("InvalidCredentials", describe(namespace, ref) + " is not valid base64");
            }
        } else if (secret.getStringData() != null) {
            value = secret.getStringData().get(ref.getKey());
        }
        if (value == null || value.isBlank()) {
            throw new CredentialsException("SecretNotFound", describe(namespace, ref) + " is missing or empty");
        }
        return value;
    }

    private static String describe(String namespace, SecretKeyRef ref) {
        return "key " + ref.getKey() + " of Secret " + namespace + "/" + ref.getName();
    }

    private static String describe(SecretKeyRef ref) {
        return "key " + ref.getKey() + " of Secret " + ref.getName();
    }
}
