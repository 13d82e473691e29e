package io.sfintegration.salesforce;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The Salesforce calls one reconcile may still make. Every HTTP request sent on the reconcile's behalf (each retry
 * attempt, each page, each chunk) is charged before it goes out; the request that would go beyond {@link #limit()}
 * is refused with {@link CallBudgetExceededException} instead. A request shared by k reconciles (a coalesced batch)
 * charges each of them 1/k, so the charges of all reconciles add up to the calls made.
 * <p>
 * Charges are kept in thousandths of a call. Made by {@link CallBudgets#open}.
 */
public final class CallBudget {

    static final long UNIT = 1_000;

    private final CallBudgets.Kind kind;
    private final String reconcile;
    private final int limit;
    private final AtomicLong used = new AtomicLong();

    CallBudget(CallBudgets.Kind kind, String reconcile, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a call budget allows at least one call, was " + limit);
        }
        this.kind = kind;
        this.reconcile = reconcile;
        this.limit = limit;
    }

    public CallBudgets.Kind kind() {
        return kind;
    }

    /** What is being reconciled, e.g. "IntegrationUser team-a/erp-sync". */
    public String reconcile() {
        return reconcile;
    }

    public int limit() {
        return limit;
    }

    /** Calls charged so far (fractions come from shared batch calls). */
    public double used() {
        return used.get() / (double) UNIT;
    }

    /** Charges one whole call, or refuses it. */
    public void charge(String resource) {
        if (!tryCharge(UNIT)) {
            throw exceeded(resource);
        }
    }

    /** Charges {@code thousandths} of a call if the budget has room for it; false (and nothing charged) otherwise. */
    boolean tryCharge(long thousandths) {
        long max = limit * UNIT;
        while (true) {
            long now = used.get();
            if (now + thousandths > max) {
                return false;
            }
            if (used.compareAndSet(now, now + thousandths)) {
                return true;
            }
        }
    }

    public CallBudgetExceededException exceeded(String resource) {
        return new CallBudgetExceededException(reconcile, limit, resource);
    }

    @Override
    public String toString() {
        return reconcile + ": " + used() + " of " + limit + " calls";
    }
}
