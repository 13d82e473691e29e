package io.sfintegration.export;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.SalesforceClients;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import java.time.Clock;
import java.time.Instant;

/**
 * The export over the operator's HTTP API: {@code GET /api/v1/export/{namespace}/{org}} answers the same YAML as the
 * export command, read with the operator's client for that SalesforceOrg. It lives under {@code /api/v1/}, beside
 * {@code /api/v1/drift}, so whatever authorization guards the drift API guards it too.
 */
@Path("/api/v1/export")
public class ExportResource {

    private final KubernetesClient kube;
    private final SalesforceClients clients;
    private final Clock clock;

    @Inject
    public ExportResource(KubernetesClient kube, SalesforceClients clients, Clock clock) {
        this.kube = kube;
        this.clients = clients;
        this.clock = clock;
    }

    @GET
    @Path("/{namespace}/{org}")
    @Produces("application/yaml")
    public String export(@PathParam("namespace") String namespace, @PathParam("org") String org) {
        SalesforceOrg so = kube.resources(SalesforceOrg.class).inNamespace(namespace).withName(org).get();
        if (so == null) {
            throw new NotFoundException("no SalesforceOrg " + namespace + "/" + org);
        }
        return OrgExporter.join(OrgExporter.export(clients.forOrg(so), namespace, org, Instant.now(clock)));
    }
}
