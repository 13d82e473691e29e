package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.salesforce.OrgKey;
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
    private final ClusterOrgs clusterOrgs;
    @SuppressWarnings("rawtypes")
    private final Supplier<? extends Collection<RegisteredController>> controllers;

    /**
     * @param configured  {@code sfio.drift.namespaces}; empty: follow the controllers
     * @param controllers the operator's registered controllers (read at every scan: they may be registered later)
     */
    @SuppressWarnings("rawtypes")
    public ScannedResources(KubernetesClient kube, Set<String> configured, Supplier<? extends Collection<RegisteredController>> controllers) {
        this(kube, configured, controllers, new ClusterOrgs(ClusterOrgs.DEFAULT_SECRETS_NAMESPACE));
    }

    /** @param clusterOrgs where ClusterSalesforceOrg credentials are read (their views are scanned like SalesforceOrgs) */
    @SuppressWarnings("rawtypes")
    public ScannedResources(KubernetesClient kube, Set<String> configured, Supplier<? extends Collection<RegisteredController>> controllers,
                            ClusterOrgs clusterOrgs) {
        this.kube = kube;
        this.configured = Set.copyOf(configured);
        this.controllers = controllers;
        this.clusterOrgs = clusterOrgs;
    }

    /** The same reads, with ClusterSalesforceOrg credentials from this cluster-secrets namespace. */
    public ScannedResources withClusterOrgs(ClusterOrgs orgs) {
        return new ScannedResources(kube, configured, controllers, orgs);
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
            if (!io.fabric8.kubernetes.api.model.Namespaced.class.isAssignableFrom(c.getConfiguration().getResourceClass())) {
                // the ClusterSalesforceOrg controller watches cluster-wide in any install: it says nothing about namespaces
                continue;
            }
            if (c.getConfiguration().getInformerConfig().watchAllNamespaces()) {
                return Set.of();
            }
            watched.addAll(c.getConfiguration().getEffectiveNamespaces());
        }
        return watched;
    }

    /** The SalesforceOrgs of the scanned namespaces, then every ClusterSalesforceOrg as its SalesforceOrg view. */
    public List<SalesforceOrg> orgs() {
        List<SalesforceOrg> out = new ArrayList<>(namespacedOrgs());
        clusterOrgs().forEach(o -> out.add(clusterOrgs.view(o)));
        return out;
    }

    private List<ClusterSalesforceOrg> clusterOrgs() {
        Optional<ResourceCache<ClusterSalesforceOrg>> cache = cache(ClusterSalesforceOrg.class, Set.of());
        return cache.isPresent() ? cache.get().list().toList() : kube.resources(ClusterSalesforceOrg.class).list().getItems();
    }

    /** A ClusterSalesforceOrg by name, as its SalesforceOrg view. */
    public Optional<SalesforceOrg> clusterOrg(String name) {
        return clusterOrgs().stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst().map(clusterOrgs::view);
    }

    /** The cluster object behind a view (for its Events), or the org itself. */
    public HasMetadata eventTarget(SalesforceOrg org) {
        if (!OrgKey.isClusterView(org)) {
            return org;
        }
        Optional<ResourceCache<ClusterSalesforceOrg>> cache = cache(ClusterSalesforceOrg.class, Set.of());
        Optional<ClusterSalesforceOrg> found = cache.isPresent() ? cache.get().get(new ResourceID(org.getMetadata().getName()))
                : Optional.ofNullable(kube.resources(ClusterSalesforceOrg.class).withName(org.getMetadata().getName()).get());
        return found.map(HasMetadata.class::cast).orElse(org);
    }

    /**
     * The IntegrationUsers that use the org: of its namespace naming it as a SalesforceOrg, or, for a cluster org's
     * view, of every scanned namespace naming it as a ClusterSalesforceOrg.
     */
    public List<IntegrationUser> usersOf(SalesforceOrg org) {
        return members(IntegrationUser.class, org, u -> u.getSpec() == null ? null : u.getSpec().getOrgRef());
    }

    public List<PermissionSet> permissionSetsOf(SalesforceOrg org) {
        return members(PermissionSet.class, org, p -> p.getSpec() == null ? null : p.getSpec().getOrgRef());
    }

    /** The PermissionSets a user of the org may refer to by resource name: those of the namespaces its users are in. */
    public List<PermissionSet> permissionSetsNear(SalesforceOrg org) {
        return OrgKey.isClusterView(org) ? all(PermissionSet.class) : permissionSets(org.getMetadata().getNamespace());
    }

    private <R extends HasMetadata> List<R> members(Class<R> kind, SalesforceOrg org, java.util.function.Function<R, OrgReference> ref) {
        boolean cluster = OrgKey.isClusterView(org);
        String name = org.getMetadata().getName();
        List<R> candidates = cluster ? all(kind) : list(kind, org.getMetadata().getNamespace());
        return candidates.stream().filter(r -> {
            OrgReference to = ref.apply(r);
            return to != null && to.cluster() == cluster && name.equals(to.getName());
        }).toList();
    }

    /** Every resource of the kind in the scanned namespaces. */
    private <R extends HasMetadata> List<R> all(Class<R> kind) {
        Set<String> namespaces = namespaces();
        Optional<ResourceCache<R>> cache = cache(kind, namespaces);
        if (cache.isPresent()) {
            return cache.get().list(r -> namespaces.isEmpty() || namespaces.contains(r.getMetadata().getNamespace())).toList();
        }
        if (namespaces.isEmpty()) {
            return kube.resources(kind).inAnyNamespace().list().getItems();
        }
        List<R> out = new ArrayList<>();
        namespaces.forEach(ns -> out.addAll(list(kind, ns)));
        return out;
    }

    private List<SalesforceOrg> namespacedOrgs() {
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
