package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the drift scan ask a controller to put one resource back in Salesforce even though its spec did not change.
 * Each reconciler registers an inbound event source; a request marks the resource and triggers a reconcile, which
 * then skips its "nothing changed" short cut once.
 */
public class ResyncRequests {

    private final Map<Class<?>, SimpleInboundEventSource<?>> sources = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();

    public <P extends HasMetadata> SimpleInboundEventSource<P> eventSourceFor(Class<P> kind) {
        SimpleInboundEventSource<P> source = new SimpleInboundEventSource<>("resync-" + kind.getSimpleName());
        sources.put(kind, source);
        return source;
    }

    public void request(Class<?> kind, ResourceID id) {
        request(kind, id, false);
    }

    /**
     * @param holdRemovedAccess the scan found access a person removed in Salesforce and the org does not restore it:
     *                          the correction must not give it back, even if the controller's copy of the resource
     *                          does not show the scan's Drifted=True AccessRemovedInSalesforce yet
     */
    public void request(Class<?> kind, ResourceID id, boolean holdRemovedAccess) {
        if (holdRemovedAccess) {
            holding.add(key(kind, id));
        } else {
            holding.remove(key(kind, id));
        }
        pending.add(key(kind, id));
        SimpleInboundEventSource<?> source = sources.get(kind);
        if (source != null) {
            source.propagateEvent(id);
        }
    }

    /**
     * Reconcile once without correcting anything: an observed resource (managementPolicy Observe) re-reads Salesforce
     * so its plan shows what a person changed there since.
     */
    public void refresh(Class<?> kind, ResourceID id) {
        SimpleInboundEventSource<?> source = sources.get(kind);
        if (source != null) {
            source.propagateEvent(id);
        }
    }

    public boolean isPending(Class<?> kind, ResourceID id) {
        return pending.contains(key(kind, id));
    }

    /** Whether the pending request asked to hold removed access back. */
    public boolean holdsRemovedAccess(Class<?> kind, ResourceID id) {
        return holding.contains(key(kind, id));
    }

    public void done(Class<?> kind, ResourceID id) {
        pending.remove(key(kind, id));
        holding.remove(key(kind, id));
    }

    private static String key(Class<?> kind, ResourceID id) {
        return kind.getSimpleName() + "/" + id.getNamespace().orElse("") + "/" + id.getName();
    }
}
