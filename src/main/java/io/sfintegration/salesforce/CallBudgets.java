package io.sfintegration.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The stated Salesforce call budget of each kind of reconcile, and its enforcement (README "API call budget").
 * <p>
 * A reconcile {@link #open opens} its budget on its own thread; from then until the scope is closed, every HTTP request
 * the client sends from that thread is charged to it ({@link #charge}), and so is its share of every coalesced batch
 * it takes part in ({@link #shared}, run by the batcher on another thread). Requests made with no budget open (drift
 * scans, which have their own daily allowance) are not charged. One instance per operator, shared by the HTTP client
 * and the batcher; no static state.
 * <p>
 * The bound of a reconcile is {@code attempts x requests}: {@code attempts} is the HTTP client's retry policy
 * (every transient failure may cost one more attempt of the same request), {@code requests} the most requests the
 * reconcile's longest path sends when nothing fails ({@link Kind#requests}). Re-sends of single records that failed
 * transiently inside a successful collection or composite call draw on the same budget: they do not multiply it.
 */
public final class CallBudgets {

    /** The kinds of reconcile, each with the requests of its longest fault-free path. */
    public enum Kind {
        /**
         * SalesforceOrg: describeOrg, one composite of up to 5 queries (OAuth token requests are not API calls).
         */
        SALESFORCE_ORG {
            @Override
            public int requests(int rows) {
                return 1;
            }
        },
        /**
         * IntegrationUser, create or update: 1 describeOrg to refill the catalog after a restart, at most 3 to resolve
         * the spec (unmanaged permission set names, an unknown profile, an unknown licence), 1 composite to read the
         * user with its login and assignments, 2 for the installation's marker set (look up, create: once per org),
         * 1 describe of PermissionSet's fields (the first permission set read of a client, cached after),
         * 1 describeOrg for the seat check, then at most 6 writes: a create is one composite, or in a coalesced batch
         * at most 5 (users, licences, sets, logins read, freezes); an update is at most updateUsers, assign licences,
         * assign sets, unassign sets, unassign licences, freeze (one sObject collection each, 200 records).
         */
        INTEGRATION_USER {
            @Override
            public int requests(int rows) {
                return 1 + 3 + 1 + 2 + 1 + 1 + 6;
            }
        },
        /**
         * IntegrationUser, deletion: catalog refill 1, the user read 1, unassign sets 1, unassign licences 1,
         * deactivate or freeze 1.
         */
        INTEGRATION_USER_DELETE {
            @Override
            public int requests(int rows) {
                return 5;
            }
        },
        /**
         * PermissionSet, create or update, with {@code rows} object permissions, field permissions and grants
         * (connected apps, Apex classes, custom permissions) in its spec: catalog refill 1, describe of a licence not
         * yet known 1, describe of PermissionSet's fields 1 (once per client), the set read (one composite that also
         * reads the grant rows, plus a page per 2,000 rows), then the writes: the set itself 1 and, per 200 rows, at
         * most 4 sObject collection operations on permission rows (create objects, create fields, update, delete) and
         * 3 for grants (find the named entities in one composite, create SetupEntityAccess rows, delete them).
         */
        PERMISSION_SET {
            @Override
            public int requests(int rows) {
                return 1 + 1 + 1 + (1 + rows / 2_000) + 1 + (4 + 3) * Math.max(1, (rows + 199) / 200);
            }
        },
        /**
         * PermissionSet, deletion: catalog refill 1, describe of PermissionSet's fields 1 (once per client), the set
         * read (plus a page per 2,000 rows), count its assignments 1, delete it 1.
         */
        PERMISSION_SET_DELETE {
            @Override
            public int requests(int rows) {
                return 1 + 1 + (1 + rows / 2_000) + 1 + 1;
            }
        },
        /**
         * PermissionSetGroup, create or update, with {@code rows} permission sets in its spec: catalog refill 1, the
         * set names not known yet 1 (+ describe of PermissionSet's fields 1, once per client), the group read (one
         * composite: group, components, muting set; + describe 1 once per client), then the writes: the group 1, the
         * muting set 1, add components 1, remove components 1, delete a muting set no longer wanted 1. Recalculation
         * polls are reconciles of their own that read the group only.
         */
        PERMISSION_SET_GROUP {
            @Override
            public int requests(int rows) {
                return 1 + 1 + 1 + 1 + 1 + 5 * Math.max(1, (rows + 199) / 200);
            }
        },
        /** PermissionSetGroup, deletion: catalog refill 1, describe 1 (once per client), the group read 1, delete the group 1, its muting set 1. */
        PERMISSION_SET_GROUP_DELETE {
            @Override
            public int requests(int rows) {
                return 1 + 1 + 1 + 1 + 1;
            }
        };

        /** The most requests this kind of reconcile sends when no request fails. */
        public abstract int requests(int rows);
    }

    /** What the reconciles of one kind used so far: the most calls any one reconcile used, and refusals. */
    public record Observed(Kind kind, double maxCalls, int maxLimit, long reconciles, long refusals) {
    }

    /** Something a request is charged to on this thread. */
    private interface Charge {
        void charge(String resource);
    }

    private final int attempts;
    // per instance, not static: each operator (and each test's operator) has its own
    private final ThreadLocal<Charge> current = new ThreadLocal<>();
    private final Map<Kind, Tally> tallies = new ConcurrentHashMap<>();

    /** @param attempts the HTTP client's attempts per request (first try included) */
    public CallBudgets(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }

    /** The stated bound of a reconcile of this kind: attempts x requests. */
    public int limit(Kind kind, int rows) {
        return attempts * kind.requests(rows);
    }

    /**
     * Opens the budget of a reconcile on the calling thread; close the scope when the reconcile ends (try-with-resources).
     *
     * @param rows object and field permission rows of a PermissionSet's spec (0 for other kinds)
     */
    public Scope open(Kind kind, String reconcile, int rows) {
        CallBudget budget = new CallBudget(kind, reconcile, limit(kind, rows));
        Charge previous = current.get();
        current.set(new Own(budget));
        return new Scope(budget, previous);
    }

    /** The budget open on this thread, or null. */
    public CallBudget current() {
        Charge charge = current.get();
        return charge instanceof Own own ? own.budget : null;
    }

    /** Charges one request to whatever is open on this thread (nothing when no budget is open); refuses it beyond the budget. */
    public void charge(String resource) {
        Charge charge = current.get();
        if (charge != null) {
            charge.charge(resource);
        }
    }

    /**
     * Runs a call made for several callers at once (a coalesced batch) on this thread. Each request it sends charges
     * every participant its share, 1/k of a call for k participants; a participant whose budget has no room for its
     * share is added to {@code refused} and charged no more (the call goes on for the others, the participant gets
     * the budget's exception instead of its result). When every participant has a budget and all are refused, the
     * request is not sent. Null participants are callers without a budget.
     */
    public <T> T shared(List<CallBudget> participants, Set<CallBudget> refused, Supplier<T> call) {
        if (participants.stream().allMatch(p -> p == null)) {
            return call.get();
        }
        long share = Math.max(1, CallBudget.UNIT / participants.size());
        boolean someUnbudgeted = participants.stream().anyMatch(p -> p == null);
        List<CallBudget> budgets = new ArrayList<>(participants.stream().filter(p -> p != null).distinct().toList());
        Charge previous = current.get();
        current.set(resource -> {
            CallBudget first = null;
            for (CallBudget b : budgets) {
                if (refused.contains(b)) {
                    continue;
                }
                if (b.tryCharge(share)) {
                    first = first == null ? b : first;
                } else {
                    refused.add(b);
                    tally(b.kind()).refusals.incrementAndGet();
                }
            }
            if (first == null && !someUnbudgeted) {
                throw budgets.get(0).exceeded(resource);
            }
        });
        try {
            return call.get();
        } finally {
            restore(previous);
        }
    }

    /** Per kind, what reconciles have used so far (for the fault campaign and metrics). */
    public List<Observed> observed() {
        List<Observed> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Tally t = tallies.get(kind);
            if (t != null) {
                out.add(new Observed(kind, t.maxThousandths.get() / (double) CallBudget.UNIT, (int) t.maxLimit.get(),
                        t.reconciles.get(), t.refusals.get()));
            }
        }
        return out;
    }

    /** Forgets what was observed (between the scenarios of a campaign). */
    public void resetObserved() {
        tallies.clear();
    }

    private Tally tally(Kind kind) {
        return tallies.computeIfAbsent(kind, k -> new Tally());
    }

    private void restore(Charge previous) {
        if (previous == null) {
            current.remove();
        } else {
            current.set(previous);
        }
    }

    private final class Own implements Charge {
        final CallBudget budget;

        Own(CallBudget budget) {
            this.budget = budget;
        }

        @Override
        public void charge(String resource) {
            try {
                budget.charge(resource);
            } catch (CallBudgetExceededException e) {
                tally(budget.kind()).refusals.incrementAndGet();
                throw e;
            }
        }
    }

    private static final class Tally {
        final AtomicLong maxThousandths = new AtomicLong();
        final AtomicLong maxLimit = new AtomicLong();
        final AtomicLong reconciles = new AtomicLong();
        final AtomicLong refusals = new AtomicLong();
    }

    /** An open budget; closing it ends the charging on this thread and records what the reconcile used. */
    public final class Scope implements AutoCloseable {
        private final CallBudget budget;
        private final Charge previous;

        private Scope(CallBudget budget, Charge previous) {
            this.budget = budget;
            this.previous = previous;
        }

        public CallBudget budget() {
            return budget;
        }

        @Override
        public void close() {
            restore(previous);
            Tally t = tally(budget.kind());
            t.reconciles.incrementAndGet();
            t.maxThousandths.accumulateAndGet(Math.round(budget.used() * CallBudget.UNIT), Math::max);
            t.maxLimit.accumulateAndGet(budget.limit(), Math::max);
        }
    }
}
