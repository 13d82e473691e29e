package io.sfintegration.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sfintegration.controller.ownership.Installation;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where this installation's id comes from: {@code sfio.installation-id} when set, else a ConfigMap in the operator's
 * namespace that the first replica creates with a random id and every later start (and every replica) reads. The id
 * must outlive upgrades and restarts: the marks it names in Salesforce are how the operator recognises its own users.
 */
public final class InstallationIdentity {

    public static final String CONFIG_MAP = "integration-user-operator-installation";
    private static final String KEY = "id";

    private InstallationIdentity() {
    }

    public static Installation resolve(KubernetesClient kubernetes, Optional<String> configured, String namespace) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return new Installation(configured.get().strip());
        }
        Optional<String> existing = read(kubernetes, namespace);
        if (existing.isPresent()) {
            return new Installation(existing.get());
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(CONFIG_MAP).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "integration-user-operator").endMetadata()
                .addToData(KEY, HexFormat.of().formatHex(random)).build();
        try {
            kubernetes.configMaps().inNamespace(namespace).resource(map).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // another replica created it first: use its id
        }
        return new Installation(read(kubernetes, namespace).orElseThrow(() ->
                new IllegalStateException("ConfigMap " + namespace + "/" + CONFIG_MAP + " has no id")));
    }

    private static Optional<String> read(KubernetesClient kubernetes, String namespace) {
        ConfigMap map = kubernetes.configMaps().inNamespace(namespace).withName(CONFIG_MAP).get();
        return Optional.ofNullable(map).map(ConfigMap::getData).map(d -> d.get(KEY)).filter(id -> !id.isBlank());
    }
}
