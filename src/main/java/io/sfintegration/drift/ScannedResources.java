package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Where the drift scan reads our resources, and in which namespaces.
 * <p>
 * Namespaces: those of {@code sfio.drift.namespaces} when set, otherwise the ones the controllers watch
 * ({@code quarkus.operator-sdk.namespaces}, the chart's {@code watchNamespaces}). An operator installed for a few
 * namespaces has a Role in each and no ClusterRole: listing across all namespaces would be forbidden.
 * <p>
 * Reads: from the controllers' informer caches, which already hold every resource of the watched namespaces, so a scan
 * costs the API server nothing; from the API server only where no running controller caches the kind (the controllers
 * not started, or a namespace they do not watch). Objects from a cache are shared with the controllers: read only.
 */
public final class ScannedResources {

    private final KubernetesClient kube;
    private final Set<String> configured;
    @SuppressWarnings("rawtypes")
    private final Supplier<? extends Collection<RegisteredController>> controllers;

    /**
     * @param configured  {@code sfio.drift.namespaces}; empty: follow the controllers
     * @param controllers the operator's registered controllers (read at every scan: they may be registered later)
     */
    @SuppressWarnings("rawtypes")
    public ScannedResources(KubernetesClient kube, Set<String> configured, Supplier<? extends Collection<RegisteredController>> controllers) {
        this.kube = kube;
        this.configured = Set.copyOf(configured);
        this.controllers = controllers;
    }

    /** Reads from the API server only, in the given namespaces (empty: all). */
    public static ScannedResources apiServer(KubernetesClient kube, Set<String> namespaces) {
        return new ScannedResources(kube, namespaces, List::of);
    }

    /** The namespaces scanned; empty means all. */
    public Set<String> namespaces() {
        if (!configured.isEmpty()) {
            return configured;
        }
        Set<String> watched = new TreeSet<>();
        for (RegisteredController<?> c : registered()) {
            if (c.getConfiguration().getInformerConfig().watchAllNamespaces()) {
                return Set.of();
            }
            watched.addAll(c.getConfiguration().getEffectiveNamespaces());
        }
        return watched;
    }

    public List<SalesforceOrg> orgs() {
        Set<String> namespaces = namespaces();
        Optional<ResourceCache<SalesforceOrg>> cache = cache(SalesforceOrg.class, namespaces);
        if (cache.isPresent()) {
            return cache.get().list(o -> namespaces.isEmpty() || namespaces.contains(o.getMetadata().getNamespace())).toList();
        }
        if (namespaces.isEmpty()) {
            return kube.resources(SalesforceOrg.class).inAnyNamespace().list().getItems();
        }
        List<SalesforceOrg> out = new ArrayList<>();
        for (String ns : namespaces) {
            out.addAll(kube.resources(SalesforceOrg.class).inNamespace(ns).list().getItems());
        }
        return out;
    }

    public Optional<SalesforceOrg> org(String namespace, String name) {
        Optional<ResourceCache<SalesforceOrg>> cache = cache(SalesforceOrg.class, Set.of(namespace));
        if (cache.isPresent()) {
            return cache.get().get(new ResourceID(name, namespace));
        }
        return Optional.ofNullable(kube.resources(SalesforceOrg.class).inNamespace(namespace).withName(name).get());
    }

    public List<IntegrationUser> users(String namespace) {
        return list(IntegrationUser.class, namespace);
    }

    public List<PermissionSet> permissionSets(String namespace) {
        return list(PermissionSet.class, namespace);
    }

    /** Whether reads of the kind in the namespace come from an informer cache. */
    public boolean cached(Class<? extends HasMetadata> kind, String namespace) {
        return cache(kind, Set.of(namespace)).isPresent();
    }

    private <R extends HasMetadata> List<R> list(Class<R> kind, String namespace) {
        return cache(kind, Set.of(namespace)).map(c -> c.list(namespace).toList())
                .orElseGet(() -> kube.resources(kind).inNamespace(namespace).list().getItems());
    }

    /** The running controller's cache of the kind, if it covers all the namespaces (empty: all namespaces). */
    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> Optional<ResourceCache<R>> cache(Class<R> kind, Set<String> namespaces) {
        for (RegisteredController<?> c : registered()) {
            if (!kind.equals(c.getConfiguration().getResourceClass()) || !(c instanceof Controller<?> controller)) {
                continue;
            }
            boolean all = c.getConfiguration().getInformerConfig().watchAllNamespaces();
            if (!all && (namespaces.isEmpty() || !c.getConfiguration().getEffectiveNamespaces().containsAll(namespaces))) {
                continue;
            }
            ControllerEventSource<?> source = controller.getEventSourceManager().getControllerEventSource();
            if (source != null && source.isRunning()) {
                return Optional.of((ResourceCache<R>) source);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Collection<RegisteredController<?>> registered() {
        return (Collection) controllers.get();
    }
}
