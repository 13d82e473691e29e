package io.sfintegration.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A least-privilege Salesforce permission set. */
@Group(SalesforceOrg.GROUP)
@Version(SalesforceOrg.VERSION)
@ShortNames("sfps")
@Categories("salesforce")
@AdditionalPrinterColumn(name = "API-NAME", jsonPath = ".spec.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ORG", jsonPath = ".spec.orgRef.name", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "PS-ID", jsonPath = ".status.permissionSetId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SYNCED", jsonPath = ".status.conditions[?(@.type==\"Synced\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "DRIFTED", jsonPath = ".status.conditions[?(@.type==\"Drifted\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PermissionSet extends CustomResource<PermissionSetSpec, PermissionSetStatus> implements Namespaced {

}
