package io.sfintegration.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connected apps, Apex classes and custom permissions every emulated org starts with, so that permission sets
 * can grant them (SetupEntityAccess). A connected app here is the org's ConnectedApplication record; its consumer key
 * links it to the OAuth client of the same key registered with {@link EmulatorConfig.Builder#connectedApp}, whose
 * JWT bearer logins then follow the app's Permitted Users policy.
 */
public final class SetupEntitySeed {

    /** A connected app: its name, consumer key and whether only admin-approved (pre-authorized) users may use it. */
    public record App(String name, String consumerKey, boolean adminApprovedOnly) {
    }

    /** A class (namespace null for the org's own). */
    public record ApexClass(String namespace, String name) {
    }

    /** "Admin approved users are pre-authorized": users need the app granted through their profile or a permission set. */
    public static final App BILLING_APP = new App("Billing_Integration", "billing-integration-consumer-key", true);
    /** "All users may self-authorize" (for the JWT flow the user must still have approved the app once; here: anyone). */
    public static final App OPEN_APP = new App("Reporting_Connector", "reporting-connector-consumer-key", false);

    public static final List<App> APPS = List.of(BILLING_APP, OPEN_APP);
    public static final List<ApexClass> APEX_CLASSES = List.of(new ApexClass(null, "InvoiceService"),
            new ApexClass(null, "PaymentsRestResource"), new ApexClass(null, "LedgerExport"), new ApexClass("acme", "SyncApi"));
    public static final List<String> CUSTOM_PERMISSIONS = List.of("Export_Invoices", "Approve_Payments", "Bypass_Validation");

    private SetupEntitySeed() {
    }

    static void seed(OrgStore store) {
        for (App app : APPS) {
            store.insertRaw("ConnectedApplication", new HashMap<>(Map.of("Name", app.name(),
                    "OptionsAllowAdminApprovedUsersOnly", app.adminApprovedOnly())));
        }
        for (ApexClass c : APEX_CLASSES) {
            Map<String, Object> r = new HashMap<>(Map.of("Name", c.name(), "Status", "Active", "ApiVersion", 62.0));
            r.put("NamespacePrefix", c.namespace());
            store.insertRaw("ApexClass", r);
        }
        for (String p : CUSTOM_PERMISSIONS) {
            Map<String, Object> r = new HashMap<>(Map.of("DeveloperName", p, "MasterLabel", p.replace('_', ' ')));
            r.put("NamespacePrefix", null);
            store.insertRaw("CustomPermission", r);
        }
    }

    /** The ConnectedApplication record of the app with this consumer key; empty for clients no seeded app names. */
    static Optional<Map<String, Object>> appRecord(OrgStore store, String consumerKey) {
        Optional<App> app = APPS.stream().filter(a -> a.consumerKey().equals(consumerKey)).findFirst();
        if (app.isEmpty()) {
            return Optional.empty();
        }
        for (Map<String, Object> r : store.live("ConnectedApplication")) {
            if (app.get().name().equals(r.get("Name"))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
