package io.sfintegration.emulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a login does to the org: every access token issued for a user (any OAuth grant, or a token the emulator hands
 * out for tests and local mode) sets User.LastLoginDate, which moves the user's SystemModstamp but not
 * LastModifiedDate, and adds a LoginHistory row ("User.LastLoginDate is set by every login, API logins included";
 * Object Reference, "LoginHistory": one row per login attempt).
 */
final class Logins {

    private final OrgStore store;

    Logins(OrgStore store) {
        this.store = store;
    }

    void record(String userId, String loginType, String application) {
        store.write(() -> {
            Instant now = store.clock().instant();
            store.touchRaw(userId, Map.of("LastLoginDate", now));
            Map<String, Object> row = new HashMap<>();
            row.put("UserId", userId);
            row.put("LoginTime", now);
            row.put("LoginType", loginType);
            row.put("LoginUrl", "login.salesforce.com");
            row.put("SourceIp", "127.0.0.1");
            row.put("Status", "Success");
            row.put("Application", application);
            row.put("Browser", "Unknown");
            row.put("Platform", "Unknown");
            row.put("ApiType", "N/A");
            row.put("ApiVersion", "N/A");
            store.insertRaw("LoginHistory", row);
            return null;
        });
    }
}
