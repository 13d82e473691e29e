package io.sfintegration.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static io.sfintegration.emulator.OrgRules.sameId;

/**
 * Users (Object Reference, "User", "UserLogin"): required fields, unique, email-shaped usernames, an alias of at most
 * eight characters, a seat of the profile's licence while active; every user gets a UserLogin row (frozen or not), and
 * activation, profile, field and freeze changes are written to SetupAuditTrail.
 */
final class UserRules {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final List<String> REQUIRED = List.of("Username", "LastName", "Email", "Alias", "TimeZoneSidKey",
            "LocaleSidKey", "EmailEncodingKey", "LanguageLocaleKey", "ProfileId");
    /** Fields whose change Setup records as "Changed X of user". */
    private static final List<String> AUDITED = List.of("Email", "FirstName", "LastName", "Alias", "TimeZoneSidKey", "LocaleSidKey",
            "LanguageLocaleKey", "EmailEncodingKey");

    private final OrgStore store;
    private final AuditTrail audit;
    private final LicenseSeats seats;

    UserRules(OrgStore store, AuditTrail audit, LicenseSeats seats) {
        this.store = store;
        this.audit = audit;
        this.seats = seats;
    }

    void beforeCreate(Map<String, Object> f) {
        FieldChecks.requireAll(REQUIRED, f, false);
        f.putIfAbsent("IsActive", true);
        if (f.get("IsActive") == null) {
            f.put("IsActive", true);
        }
        check(f, null);
        if (Boolean.TRUE.equals(f.get("IsActive"))) {
            seats.requireUserSeat(seats.licenseOfProfile((String) f.get("ProfileId")));
        }
        f.put("UserType", "Standard");
    }

    void afterCreate(Map<String, Object> r, String actor) {
        store.insertRaw("UserLogin", new HashMap<>(Map.of("UserId", r.get("Id"), "IsFrozen", false, "IsPasswordLocked", false)));
        audit.record(actor, "createduser", "Manage Users", "Created new user " + r.get("Username"));
    }

    void beforeUpdate(Map<String, Object> current, Map<String, Object> changes, Map<String, Object> merged) {
        FieldChecks.requireAll(REQUIRED, changes, true);
        check(merged, current);
        boolean activating = Boolean.TRUE.equals(merged.get("IsActive")) && !Boolean.TRUE.equals(current.get("IsActive"));
        String oldLicense = seats.licenseOfProfile((String) current.get("ProfileId"));
        String newLicense = seats.licenseOfProfile((String) merged.get("ProfileId"));
        if (activating || (Boolean.TRUE.equals(merged.get("IsActive")) && !Objects.equals(oldLicense, newLicense))) {
            seats.requireUserSeat(newLicense);
        }
    }

    void afterUpdate(Map<String, Object> before, Map<String, Object> after, String actor) {
        String u = (String) after.get("Username");
        if (!Objects.equals(before.get("IsActive"), after.get("IsActive"))) {
            audit.record(actor, Boolean.TRUE.equals(after.get("IsActive")) ? "activateduser" : "deactivateduser", "Manage Users",
                    (Boolean.TRUE.equals(after.get("IsActive")) ? "Activated" : "Deactivated") + " user " + u);
        }
        if (!Objects.equals(before.get("ProfileId"), after.get("ProfileId"))) {
            audit.record(actor, "changedprofileforuser", "Manage Users", "Changed profile for user " + u);
        }
        for (String f : AUDITED) {
            if (!Objects.equals(before.get(f), after.get(f))) {
                audit.record(actor, "changeduser", "Manage Users", "Changed " + f + " of user " + u);
            }
        }
    }

    void afterLoginUpdate(Map<String, Object> before, Map<String, Object> after, String actor) {
        if (!Objects.equals(before.get("IsFrozen"), after.get("IsFrozen"))) {
            audit.record(actor, Boolean.TRUE.equals(after.get("IsFrozen")) ? "frozeuser" : "unfrozeuser", "Manage Users",
                    (Boolean.TRUE.equals(after.get("IsFrozen")) ? "Froze" : "Unfroze") + " user " + username(after.get("UserId")));
        }
    }

    /** User.Name, computed from first and last name. */
    static void computeName(Map<String, Object> r) {
        r.put("Name", (r.get("FirstName") == null ? "" : r.get("FirstName") + " ") + r.get("LastName"));
    }

    String username(Object id) {
        Map<String, Object> u = id == null ? null : store.liveById(id.toString());
        return u == null ? String.valueOf(id) : String.valueOf(u.get("Username"));
    }

    private void check(Map<String, Object> f, Map<String, Object> current) {
        String username = (String) f.get("Username");
        if (!EMAIL.matcher(username).matches()) {
            throw ApiException.bad("INVALID_EMAIL_ADDRESS", "Username: invalid email address: " + username, "Username");
        }
        if (!EMAIL.matcher(String.valueOf(f.get("Email"))).matches()) {
            throw ApiException.bad("INVALID_EMAIL_ADDRESS", "Email: invalid email address: " + f.get("Email"), "Email");
        }
        if (String.valueOf(f.get("Alias")).length() > 8) {
            throw ApiException.bad("STRING_TOO_LONG", "Alias: data value too large: " + f.get("Alias") + " (max length=8)", "Alias");
        }
        for (Map<String, Object> u : store.live("User")) {
            if (current != null && sameId(u.get("Id"), current.get("Id"))) {
                continue;
            }
            if (username.equalsIgnoreCase((String) u.get("Username"))) {
                throw ApiException.bad("DUPLICATE_USERNAME", "Duplicate Username.<br>The username already exists in this or another Salesforce"
                        + " organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username"
                        + " (it doesn't need to match the user's email address).", "Username");
            }
        }
    }
}
