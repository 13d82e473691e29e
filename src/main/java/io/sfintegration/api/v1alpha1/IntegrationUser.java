package io.sfintegration.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One dedicated API-only Salesforce user for one integration. */
@Group(SalesforceOrg.GROUP)
@Version(SalesforceOrg.VERSION)
@ShortNames("iu")
@Categories("salesforce")
@AdditionalPrinterColumn(name = "USERNAME", jsonPath = ".spec.username", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ORG", jsonPath = ".spec.orgRef.name", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "USER-ID", jsonPath = ".status.userId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ACTIVE", jsonPath = ".spec.active", type = AdditionalPrinterColumn.Type.BOOLEAN, priority = 1)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SYNCED", jsonPath = ".status.conditions[?(@.type==\"Synced\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "DRIFTED", jsonPath = ".status.conditions[?(@.type==\"Drifted\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class IntegrationUser extends CustomResource<IntegrationUserSpec, IntegrationUserStatus> implements Namespaced {

}
