package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.function.BooleanSupplier;

/**
 * With leader election on, only the replica holding the operator's Lease scans, so several replicas do not multiply
 * the API calls. Reads the Lease JOSDK maintains (one GET per scheduler tick); any doubt means "not the leader".
 */
final class LeaseHolderCheck implements BooleanSupplier {

    private final KubernetesClient kube;
    private final String namespace;
    private final String leaseName;
    private final String identity;

    LeaseHolderCheck(KubernetesClient kube, String namespace, String leaseName, String identity) {
        this.kube = kube;
        this.namespace = namespace;
        this.leaseName = leaseName;
        this.identity = identity;
    }

    @Override
    public boolean getAsBoolean() {
        try {
            Lease lease = kube.leases().inNamespace(namespace).withName(leaseName).get();
            return lease != null && lease.getSpec() != null && identity.equals(lease.getSpec().getHolderIdentity());
        } catch (KubernetesClientException e) {
            return false;
        }
    }
}
