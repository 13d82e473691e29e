package io.sfintegration.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SecretKeyRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** What local mode writes: the emulator's connection details for any Salesforce client, and the org resource. */
final class LocalFiles {

    private LocalFiles() {
    }

    /** Readable by the owner only: it holds an access token (for the emulator, but a token all the same). */
    static Path writeSalesforceJson(Path file, String instanceUrl, String accessToken, String orgId, String username) throws IOException {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("instanceUrl", instanceUrl);
        json.put("accessToken", accessToken);
        json.put("orgId", orgId);
        json.put("username", username);
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing more to do
        }
        return file;
    }

    static void createOrg(KubernetesClient client, String namespace, String name, String secretName, String instanceUrl, String token) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(secretName).withNamespace(namespace).endMetadata()
                .addToStringData("token", token).build()).createOr(r -> r.update());
        SalesforceOrg org = new SalesforceOrg();
        org.getMetadata().setName(name);
        org.getMetadata().setNamespace(namespace);
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl(instanceUrl);
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef(secretName, "token"));
        spec.setAuth(auth);
        spec.getDrift().setInterval("1m");
        org.setSpec(spec);
        client.resource(org).createOr(r -> r.update());
    }
}
