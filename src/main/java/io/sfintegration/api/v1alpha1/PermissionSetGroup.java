package io.sfintegration.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Salesforce permission set group: permission sets bundled per job, with optional muted permissions. */
@Group(SalesforceOrg.GROUP)
@Version(SalesforceOrg.VERSION)
@ShortNames("sfpsg")
@Categories("salesforce")
@AdditionalPrinterColumn(name = "API-NAME", jsonPath = ".spec.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ORG", jsonPath = ".spec.orgRef.name", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "PSG-ID", jsonPath = ".status.permissionSetGroupId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SF-STATUS", jsonPath = ".status.groupStatus", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SYNCED", jsonPath = ".status.conditions[?(@.type==\"Synced\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PermissionSetGroup extends CustomResource<PermissionSetGroupSpec, PermissionSetGroupStatus> implements Namespaced {

}
