package io.sfintegration.salesforce.batch;

import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a {@link CoalescingSalesforceClient} in front of each org's client, so the concurrent single-item calls of
 * many reconciles reach Salesforce as a few bulk calls. A new wrapper is made whenever the underlying client changes
 * (the org's spec or Secrets changed).
 */
public final class CoalescingSalesforceClients implements SalesforceClients, AutoCloseable {

    private record Wrapped(SalesforceClient delegate, CoalescingSalesforceClient coalescing) {
    }

    private final SalesforceClients delegate;
    private final BatchSettings settings;
    private final Map<String, Wrapped> wrapped = new ConcurrentHashMap<>();

    public CoalescingSalesforceClients(SalesforceClients delegate, BatchSettings settings) {
        this.delegate = delegate;
        this.settings = settings;
    }

    @Override
    public SalesforceClient forOrg(SalesforceOrg org) {
        SalesforceClient raw = delegate.forOrg(org);
        Wrapped w = wrapped.compute(key(org), (k, old) -> {
            if (old != null && old.delegate() == raw) {
                return old;
            }
            if (old != null) {
                old.coalescing().close();
            }
            return new Wrapped(raw, new CoalescingSalesforceClient(raw, settings, delegate.budgets()));
        });
        return w.coalescing();
    }

    @Override
    public void forget(SalesforceOrg org) {
        Wrapped old = wrapped.remove(key(org));
        if (old != null) {
            old.coalescing().close();
        }
        delegate.forget(org);
    }

    @Override
    public CallBudgets budgets() {
        return delegate.budgets();
    }

    @Override
    public void close() {
        wrapped.values().forEach(w -> w.coalescing().close());
        wrapped.clear();
        if (delegate instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String key(SalesforceOrg org) {
        return io.sfintegration.salesforce.OrgKey.of(org);
    }
}
