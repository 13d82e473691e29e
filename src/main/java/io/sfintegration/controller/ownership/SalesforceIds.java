package io.sfintegration.controller.ownership;

/** Salesforce ids come in a 15-character case-sensitive and an 18-character form; both name the same record. */
public final class SalesforceIds {
    private SalesforceIds() {
    }

    /** True when both are ids of the same record; false when either is missing. */
    public static boolean same(String a, String b) {
        if (a == null || b == null || a.length() < 15 || b.length() < 15) {
            return false;
        }
        return a.regionMatches(0, b, 0, 15);
    }
}
