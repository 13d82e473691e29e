package io.sfintegration.export;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.OrgKind;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.salesforce.SalesforceClients;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The export over the operator's HTTP API: {@code GET /api/v1/export/{namespace}/{org}} answers the same YAML as the
 * export command, read with the operator's client for that SalesforceOrg. It lives under {@code /api/v1/}, beside
 * {@code /api/v1/drift}, so whatever authorization guards the drift API guards it too.
 */
@Path("/api/v1/export")
public class ExportResource {

    private final KubernetesClient kube;
    private final SalesforceClients clients;
    private final ClusterOrgs clusterOrgs;
    private final Clock clock;

    @Inject
    public ExportResource(KubernetesClient kube, SalesforceClients clients, ClusterOrgs clusterOrgs, Clock clock) {
        this.kube = kube;
        this.clients = clients;
        this.clusterOrgs = clusterOrgs;
        this.clock = clock;
    }

    /**
     * @param namespace where the exported resources go (for a SalesforceOrg, also where it is)
     * @param kind      {@code ClusterSalesforceOrg} to export the org a cluster org points at, with its credentials
     *                  from the cluster-secrets namespace, as resources in {@code namespace} referring to it
     */
    @GET
    @Path("/{namespace}/{org}")
    @Produces("application/yaml")
    public String export(@PathParam("namespace") String namespace, @PathParam("org") String org, @QueryParam("kind") String kind) {
        boolean cluster = OrgKind.ClusterSalesforceOrg.name().equals(kind);
        if (kind != null && !cluster && !OrgKind.SalesforceOrg.name().equals(kind)) {
            throw new BadRequestException("kind must be SalesforceOrg or ClusterSalesforceOrg");
        }
        SalesforceOrg so = cluster
                ? Optional.ofNullable(kube.resources(ClusterSalesforceOrg.class).withName(org).get()).map(clusterOrgs::view).orElse(null)
                : kube.resources(SalesforceOrg.class).inNamespace(namespace).withName(org).get();
        if (so == null) {
            throw new NotFoundException(cluster ? "no ClusterSalesforceOrg " + org : "no SalesforceOrg " + namespace + "/" + org);
        }
        return OrgExporter.join(OrgExporter.export(clients.forOrg(so), namespace,
                new OrgReference(cluster ? OrgKind.ClusterSalesforceOrg : null, org), Instant.now(clock)));
    }
}
