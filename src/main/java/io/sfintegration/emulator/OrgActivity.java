package io.sfintegration.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A busy org's background: a real org is never still. Integrations and people log in (LastLoginDate, SystemModstamp,
 * LoginHistory), people edit other people's user records, admins change unrelated setup (SetupAuditTrail rows in
 * other sections, a permission set of the sales team). None of it touches what the operator manages: the people and
 * the sales team's permission set are the activity's own, created when it is first switched on; logins are of every
 * active user, the operator's integration users included, as in a real org.
 * <p>
 * Work is owed by the clock: each {@link #runDue()} performs what the rates owe since the previous one, so a test with
 * a fixed clock decides exactly what happens. A scheduler calls it every tick unless the tick is zero.
 */
public final class OrgActivity implements AutoCloseable {

    /** Events per minute of each kind; zero everywhere is a quiet org. */
    public record Rates(double loginsPerMinute, double userEditsPerMinute, double setupChangesPerMinute) {
        public static final Rates QUIET = new Rates(0, 0, 0);

        public Rates {
            if (loginsPerMinute < 0 || userEditsPerMinute < 0 || setupChangesPerMinute < 0) {
                throw new IllegalArgumentException("rates must not be negative");
            }
        }

        boolean quiet() {
            return loginsPerMinute == 0 && userEditsPerMinute == 0 && setupChangesPerMinute == 0;
        }
    }

    /** Events performed since the emulator started or was reset. */
    public record Counts(long logins, long userEdits, long setupChanges) {
    }

    static final int PEOPLE = 5;
    static final String PEOPLE_DOMAIN = "@people.busy.emulator.example.com";
    static final String SALES_TEAM_SET = "Busy_Org_Sales_Team";

    /** Setup changes outside user management: Action, Section, Display as SetupAuditTrail shows them. */
    private static final List<String[]> UNRELATED_SETUP = List.of(
            new String[]{"changedpagelayout", "Customize Accounts", "Changed Account page layout Account Layout"},
            new String[]{"createdcf", "Customize Contacts", "Created custom field Region (Text)"},
            new String[]{"changedValidationActive", "Customize Opportunities", "Changed active flag of Opportunity validation Close_Date_Check"},
            new String[]{"changedemailsettings", "Email Administration", "Changed email deliverability access level"},
            new String[]{"changedorgwidedefaults", "Sharing Defaults", "Changed Case default access to Public Read Only"});

    private final OrgStore store;
    private final Logins logins;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration tick;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final String actorUsername;

    private Rates rates = Rates.QUIET;
    private Instant lastRun;
    private final double[] owed = new double[3];
    private long loginCount;
    private long userEdits;
    private long setupChanges;
    private long cursor;
    private ScheduledFuture<?> future;

    /**
     * @param scheduler where the ticks run, or null for a daemon thread of its own (created when first switched on)
     * @param tick      how often owed work is done; zero: never by itself, only through {@link #runDue()}
     */
    OrgActivity(OrgStore store, Logins logins, AuditTrail audit, Clock clock, ScheduledExecutorService scheduler, Duration tick,
                String actorUsername) {
        this.store = store;
        this.logins = logins;
        this.audit = audit;
        this.clock = clock;
        this.tick = tick;
        this.ownScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : tick.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emulator-org-activity");
            t.setDaemon(true);
            return t;
        });
        this.actorUsername = actorUsername;
    }

    public synchronized void set(Rates next) {
        runDueLocked();
        rates = next;
        lastRun = clock.instant();
        if (!next.quiet()) {
            ensureCast();
            if (future == null && scheduler != null) {
                future = scheduler.scheduleAtFixedRate(this::runSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
            }
        } else {
            cancel();
        }
    }

    public synchronized Rates rates() {
        return rates;
    }

    public synchronized Counts counts() {
        return new Counts(loginCount, userEdits, setupChanges);
    }

    /** Quiet again and counts back to zero (the org was reset: the activity's people are gone with it). */
    synchronized void reset() {
        cancel();
        rates = Rates.QUIET;
        java.util.Arrays.fill(owed, 0);
        loginCount = 0;
        userEdits = 0;
        setupChanges = 0;
        cursor = 0;
    }

    /** Performs the events the rates owe since the previous run. */
    public synchronized void runDue() {
        runDueLocked();
    }

    @Override
    public synchronized void close() {
        cancel();
        if (ownScheduler && scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            runDue();
        } catch (RuntimeException e) {
            // a refused edit (e.g. a rule) must not stop the background; the next tick tries the next record
            System.err.println("emulator: background activity step failed: " + e.getMessage());
        }
    }

    private void cancel() {
        if (future != null) {
            future.cancel(false);
            future = null;
        }
    }

    private void runDueLocked() {
        if (rates.quiet() || lastRun == null) {
            return;
        }
        Instant now = clock.instant();
        double minutes = Duration.between(lastRun, now).toNanos() / 60e9;
        lastRun = now;
        if (minutes <= 0) {
            return;
        }
        owed[0] += rates.loginsPerMinute() * minutes;
        owed[1] += rates.userEditsPerMinute() * minutes;
        owed[2] += rates.setupChangesPerMinute() * minutes;
        for (; owed[0] >= 1; owed[0]--) {
            login();
        }
        for (; owed[1] >= 1; owed[1]--) {
            editPerson();
        }
        for (; owed[2] >= 1; owed[2]--) {
            changeSetup();
        }
    }

    private void login() {
        List<String> active = store.read(() -> {
            List<String> ids = new ArrayList<>();
            store.live("User").forEach(u -> {
                if (Boolean.TRUE.equals(u.get("IsActive"))) {
                    ids.add((String) u.get("Id"));
                }
            });
            return ids;
        });
        if (!active.isEmpty()) {
            logins.record(active.get((int) (cursor++ % active.size())), "Remote Access 2.0", "Connected App");
            loginCount++;
        }
    }

    private void editPerson() {
        List<String> people = idsWhere("User", u -> String.valueOf(u.get("Username")).endsWith(PEOPLE_DOMAIN));
        if (people.isEmpty()) {
            return;
        }
        long n = userEdits + 1;
        store.update("User", people.get((int) (n % people.size())), Map.of("Title", "Account Executive " + n,
                "Department", n % 2 == 0 ? "Sales" : "Field Sales"), actorId());
        userEdits++;
    }

    private void changeSetup() {
        long n = setupChanges + 1;
        // one change in five is to the sales team's permission set, the rest in sections that are not user management
        if (n % 5 == 0) {
            List<String> sets = idsWhere("PermissionSet", ps -> SALES_TEAM_SET.equals(ps.get("Name")));
            if (!sets.isEmpty()) {
                boolean reports = Boolean.TRUE.equals(store.byId(sets.get(0)).get("PermissionsRunReports"));
                store.update("PermissionSet", sets.get(0), Map.of("PermissionsRunReports", !reports), actorId());
                setupChanges++;
                return;
            }
        }
        String[] change = UNRELATED_SETUP.get((int) (n % UNRELATED_SETUP.size()));
        store.write(() -> {
            audit.record(actorId(), change[0], change[1], change[2]);
            return null;
        });
        setupChanges++;
    }

    /** The activity's own people (Standard User profile) and the sales team's permission set, once. */
    private void ensureCast() {
        String actor = actorId();
        if (actor == null) {
            return;
        }
        String profile = idsWhere("Profile", p -> "Standard User".equals(p.get("Name"))).stream().findFirst().orElse(null);
        for (int i = 1; i <= PEOPLE && profile != null; i++) {
            String username = "person" + i + PEOPLE_DOMAIN;
            if (idsWhere("User", u -> username.equals(u.get("Username"))).isEmpty()) {
                Map<String, Object> u = new HashMap<>(Map.of("Username", username, "LastName", "Person " + i, "Email", username,
                        "Alias", "person" + i, "TimeZoneSidKey", "America/Los_Angeles", "LocaleSidKey", "en_US",
                        "EmailEncodingKey", "UTF-8", "LanguageLocaleKey", "en_US", "ProfileId", profile));
                try {
                    store.create("User", u, actor);
                } catch (ApiException e) {
                    // no seat left for people in this org's seed: the edits then have nobody to edit
                    break;
                }
            }
        }
        if (idsWhere("PermissionSet", ps -> SALES_TEAM_SET.equals(ps.get("Name"))).isEmpty()) {
            store.create("PermissionSet", new HashMap<>(Map.of("Name", SALES_TEAM_SET, "Label", "Sales Team")), actor);
        }
    }

    private String actorId() {
        List<String> ids = idsWhere("User", u -> actorUsername.equalsIgnoreCase(String.valueOf(u.get("Username"))));
        return ids.isEmpty() ? null : ids.get(0);
    }

    private List<String> idsWhere(String type, java.util.function.Predicate<Map<String, Object>> test) {
        return store.read(() -> {
            List<String> ids = new ArrayList<>();
            store.live(type).forEach(r -> {
                if (test.test(r)) {
                    ids.add((String) r.get("Id"));
                }
            });
            return ids;
        });
    }
}
