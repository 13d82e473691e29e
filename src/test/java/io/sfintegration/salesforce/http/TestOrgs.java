package io.sfintegration.salesforce.http;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.api.v1alpha1.ApiBudget;
import io.sfintegration.api.v1alpha1.ClientCredentialsAuth;
import io.sfintegration.api.v1alpha1.JwtBearerAuth;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/** SalesforceOrg resources and their Secrets for tests. */
final class TestOrgs {

    static final String NAMESPACE = "team-a";

    private TestOrgs() {
    }

    static SalesforceOrg org(String name, String instanceUrl, OrgAuth auth, int maxDailyPercent) {
        SalesforceOrg org = new SalesforceOrg();
        org.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).withGeneration(1L)
                .withUid("uid-" + name).build());
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl(instanceUrl);
        spec.setAuth(auth);
        ApiBudget budget = new ApiBudget();
        budget.setMaxDailyPercent(maxDailyPercent);
        spec.setApiBudget(budget);
        org.setSpec(spec);
        return org;
    }

    static OrgAuth staticToken(String secret) {
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef(secret, "token"));
        return auth;
    }

    static OrgAuth clientCredentials(String secret) {
        ClientCredentialsAuth cc = new ClientCredentialsAuth();
        cc.setClientIdSecretRef(new SecretKeyRef(secret, "clientId"));
        cc.setClientSecretSecretRef(new SecretKeyRef(secret, "clientSecret"));
        OrgAuth auth = new OrgAuth();
        auth.setClientCredentials(cc);
        return auth;
    }

    static OrgAuth jwt(String clientId, String username, String secret) {
        JwtBearerAuth jwt = new JwtBearerAuth();
        jwt.setClientId(clientId);
        jwt.setUsername(username);
        jwt.setPrivateKeySecretRef(new SecretKeyRef(secret, "privateKey"));
        OrgAuth auth = new OrgAuth();
        auth.setJwtBearer(jwt);
        return auth;
    }

    static void secret(KubernetesClient kubernetes, String name, Map<String, String> values) {
        Map<String, String> data = new java.util.HashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        kubernetes.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withData(data).build()).createOr(r -> r.update());
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8: BEGIN PRIVATE KEY. */
    static String pkcs8Pem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** PKCS#1: BEGIN RSA PRIVATE KEY. */
    static String pkcs1Pem(KeyPair pair) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pair);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
