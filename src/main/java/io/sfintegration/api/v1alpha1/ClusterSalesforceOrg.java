package io.sfintegration.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One Salesforce org a platform team connects once for many namespaces (cluster-scoped, like cert-manager's
 * ClusterIssuer): tenants reference it without seeing its credentials, under its spec.policy.
 */
@Group(SalesforceOrg.GROUP)
@Version(SalesforceOrg.VERSION)
@ShortNames("csforg")
@Categories("salesforce")
@AdditionalPrinterColumn(name = "ORG-ID", jsonPath = ".status.orgId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "INSTANCE", jsonPath = ".spec.instanceUrl", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "API-USED", jsonPath = ".status.apiUsage.used", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "API-MAX", jsonPath = ".status.apiUsage.max", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ClusterSalesforceOrg extends CustomResource<ClusterSalesforceOrgSpec, SalesforceOrgStatus> {
}
