package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.Namespace;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrg;

import java.util.Optional;

/** Where a controller finds the orgs and namespaces its resources refer to (its informer caches, see OrgEventSources). */
public interface OrgDirectory {

    Optional<SalesforceOrg> namespaced(String namespace, String name);

    Optional<ClusterSalesforceOrg> cluster(String name);

    Optional<Namespace> namespace(String name);
}
