package io.sfintegration.controller.findings;

import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.UserState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What a platform team wants to know about an integration user before it retires or tightens it: when it last
 * logged in, whether that is longer ago than spec.unusedAfter, and what makes it risky. Everything comes from the
 * user read the reconcile or the drift scan already makes (User.LastLoginDate, the profile and its licence, the
 * assigned permission sets' ModifyAllData and PasswordNeverExpires): no extra API call.
 */
public final class UserFindings {

    public static final String ADMIN_PROFILE = "admin profile";
    public static final String FULL_LICENSE = "full licence";
    public static final String MODIFY_ALL_DATA = "ModifyAllData";
    public static final String PASSWORD_NEVER_EXPIRES = "password never expires";
    /** The finding kinds, in the order they are reported (also the metric's label values). */
    public static final List<String> KINDS = List.of(ADMIN_PROFILE, FULL_LICENSE, MODIFY_ALL_DATA, PASSWORD_NEVER_EXPIRES);

    private static final String INTEGRATION_LICENSE = "Salesforce Integration";

    private UserFindings() {
    }

    /** One line per risky finding: "admin profile: System Administrator", "full licence: Salesforce", ... */
    public static List<String> risky(UserState state) {
        List<String> out = new ArrayList<>();
        String profile = state.user().profileName();
        if (profile != null && profile.equalsIgnoreCase("System Administrator")) {
            out.add(ADMIN_PROFILE + ": " + profile);
        }
        String license = state.user().userLicenseName();
        if (license != null && !license.equalsIgnoreCase(INTEGRATION_LICENSE)) {
            out.add(FULL_LICENSE + ": " + license);
        }
        if (state.riskyPermissions().contains("ModifyAllData")) {
            out.add(MODIFY_ALL_DATA + ": granted by an assigned permission set");
        }
        if (state.riskyPermissions().contains("PasswordNeverExpires")) {
            out.add(PASSWORD_NEVER_EXPIRES + ": granted by an assigned permission set");
        }
        return out;
    }

    /** The finding kind of a line made by {@link #risky}. */
    public static String kind(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(0, colon);
    }

    /** LastLoginDate to the day: a user that logs in every minute still changes status at most once a day. */
    public static String lastLoginDay(Instant lastLogin) {
        return lastLogin == null ? null : lastLogin.truncatedTo(ChronoUnit.DAYS).toString();
    }

    public static boolean unused(Instant lastLogin, int unusedAfterDays, Instant now) {
        return lastLogin == null || lastLogin.isBefore(now.minus(Duration.ofDays(unusedAfterDays)));
    }

    /** Fills status.lastLoginTime, status.findings and the Unused condition from a user read. */
    public static void record(IntegrationUserStatus status, IntegrationUserSpec spec, UserState state, long generation,
                              StatusConditions conditions, Instant now) {
        Instant last = state.user().lastLoginDate();
        status.setLastLoginTime(lastLoginDay(last));
        List<String> risky = risky(state);
        status.setFindings(risky.isEmpty() ? null : risky);
        int days = spec.unusedAfterDays();
        if (unused(last, days, now)) {
            conditions.set(status, generation, ConditionTypes.UNUSED, true, Reasons.NOT_LOGGED_IN_RECENTLY,
                    last == null ? "The user never logged in" : "No login for more than " + days + " days (last " + lastLoginDay(last) + ")");
        } else {
            conditions.set(status, generation, ConditionTypes.UNUSED, false, Reasons.LOGGED_IN_RECENTLY,
                    "Logged in within the last " + days + " days");
        }
    }
}
