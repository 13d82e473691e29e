package io.sfintegration.emulator;

import java.util.HashMap;
import java.util.Map;

import static io.sfintegration.emulator.OrgRules.sameId;

/**
 * Licence capacity: an active user takes a seat of its profile's user licence, a PermissionSetLicenseAssign a seat of
 * its permission set licence; UsedLicenses is computed on read (Object Reference, "UserLicense",
 * "PermissionSetLicense") and a write that needs a seat when none is free fails with LICENSE_LIMIT_EXCEEDED.
 */
final class LicenseSeats {

    private final OrgStore store;

    LicenseSeats(OrgStore store) {
        this.store = store;
    }

    String licenseOfProfile(String profileId) {
        Map<String, Object> profile = profileId == null ? null : store.liveById(profileId);
        return profile == null ? null : (String) profile.get("UserLicenseId");
    }

    /** A user is about to take a seat of the licence (created active, activated, or moved to it). */
    void requireUserSeat(String licenseId) {
        Map<String, Object> license = licenseId == null ? null : store.liveById(licenseId);
        if (license == null) {
            return;
        }
        Map<String, Object> computed = new HashMap<>(license);
        computeUserLicense(computed);
        long total = ((Number) license.get("TotalLicenses")).longValue();
        long used = ((Number) computed.get("UsedLicenses")).longValue();
        if (used >= total) {
            throw ApiException.bad("LICENSE_LIMIT_EXCEEDED", "License Limit Exceeded: all " + total + " " + license.get("Name")
                    + " licenses are in use");
        }
    }

    /** UserLicense.UsedLicenses: active users whose profile has the licence. */
    void computeUserLicense(Map<String, Object> r) {
        // computed on every read of the licence, also through relationships (User.Profile.UserLicense.Name):
        // a query over 10,000 users does this 10,000 times, so each profile's licence is looked up once
        Map<String, Boolean> profileCounts = new HashMap<>();
        int used = 0;
        for (Map<String, Object> u : store.live("User")) {
            if (Boolean.TRUE.equals(u.get("IsActive")) && profileCounts.computeIfAbsent((String) u.get("ProfileId"),
                    profileId -> sameId(licenseOfProfile(profileId), r.get("Id")))) {
                used++;
            }
        }
        r.put("UsedLicenses", (long) used);
    }

    /** PermissionSetLicense.UsedLicenses: its assignments. */
    void computePermissionSetLicense(Map<String, Object> r) {
        // as for UserLicense: every assignment names one of a few licences, so each distinct id is compared once
        Map<Object, Boolean> sameLicense = new HashMap<>();
        int used = 0;
        for (Map<String, Object> a : store.live("PermissionSetLicenseAssign")) {
            if (sameLicense.computeIfAbsent(a.get("PermissionSetLicenseId"), id -> sameId(id, r.get("Id")))) {
                used++;
            }
        }
        r.put("UsedLicenses", (long) used);
    }

    /** A PermissionSetLicenseAssign: once per user, and only while the licence has a free seat. */
    void beforeAssign(Map<String, Object> f) {
        long used = 0;
        for (Map<String, Object> a : store.live("PermissionSetLicenseAssign")) {
            if (sameId(a.get("PermissionSetLicenseId"), f.get("PermissionSetLicenseId"))) {
                used++;
                if (sameId(a.get("AssigneeId"), f.get("AssigneeId"))) {
                    throw ApiException.bad("DUPLICATE_VALUE", "duplicate value found: the user already has this permission set license");
                }
            }
        }
        Map<String, Object> license = store.liveById((String) f.get("PermissionSetLicenseId"));
        if (used >= ((Number) license.get("TotalLicenses")).longValue()) {
            throw ApiException.bad("LICENSE_LIMIT_EXCEEDED", "License Limit Exceeded: all " + license.get("TotalLicenses") + " "
                    + license.get("MasterLabel") + " permission set licenses are in use");
        }
    }

    /** A permission set licence cannot be taken from a user who still has a set that requires it. */
    void beforeUnassign(Map<String, Object> r) {
        for (Map<String, Object> a : store.live("PermissionSetAssignment")) {
            Map<String, Object> ps = store.liveById((String) a.get("PermissionSetId"));
            if (ps != null && sameId(a.get("AssigneeId"), r.get("AssigneeId")) && sameId(ps.get("LicenseId"), r.get("PermissionSetLicenseId"))) {
                throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "The user still has permission set " + ps.get("Name")
                        + ", which requires this permission set license. Remove it first.");
            }
        }
    }
}
