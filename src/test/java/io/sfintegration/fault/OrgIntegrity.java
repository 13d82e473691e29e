package io.sfintegration.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.testing.EmulatorRest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a fault must never leave behind in the org, read through the REST API: duplicate users (by username),
 * permission sets (by name) or assignments (user + set), and deletions (the audit trail's unassign, delete,
 * deactivate and freeze entries). Also what must never reach the logs.
 */
public final class OrgIntegrity {

    /** An access token as Salesforce issues them: the org id, '!', then the opaque part. */
    public static final Pattern ACCESS_TOKEN = Pattern.compile("00D[A-Za-z0-9]{12}![A-Za-z0-9._-]{10,}");
    private static final List<String> DELETING_ACTIONS = List.of("PermSetDelete", "PermSetUnassign", "PermSetLicenseUnassign",
            "deactivateduser", "frozeuser");

    public record Findings(int users, int duplicateUsers, int permissionSets, int duplicatePermissionSets, int assignments,
                           int duplicateAssignments, int deletions) {
        public int duplicates() {
            return duplicateUsers + duplicatePermissionSets + duplicateAssignments;
        }

        public String describeDuplicates() {
            return duplicates() == 0 ? "none" : duplicateUsers + " users, " + duplicatePermissionSets + " sets, " + duplicateAssignments + " assignments";
        }
    }

    private OrgIntegrity() {
    }

    /** Users whose username starts with the prefix, permission sets not owned by a profile, their assignments. */
    public static Findings check(EmulatorRest sf, String usernamePrefix) {
        List<JsonNode> users = sf.query("SELECT Id, Username FROM User WHERE Username LIKE '" + usernamePrefix + "%'");
        List<JsonNode> sets = sf.query("SELECT Id, Name FROM PermissionSet WHERE IsOwnedByProfile = false");
        List<JsonNode> assignments = sf.query("SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false");
        int deletions = 0;
        for (JsonNode row : sf.query("SELECT Action FROM SetupAuditTrail")) {
            if (DELETING_ACTIONS.contains(row.path("Action").asText())) {
                deletions++;
            }
        }
        return new Findings(users.size(), duplicates(users, "Username"), sets.size(), duplicates(sets, "Name"),
                assignments.size(), duplicates(assignments, "AssigneeId", "PermissionSetId"), deletions);
    }

    private static int duplicates(List<JsonNode> rows, String... keyFields) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode row : rows) {
            StringBuilder key = new StringBuilder();
            for (String f : keyFields) {
                key.append(row.path(f).asText().toLowerCase(Locale.ROOT)).append('|');
            }
            counts.merge(key.toString(), 1, Integer::sum);
        }
        return counts.values().stream().mapToInt(c -> c - 1).sum();
    }

    /** The logger names (first word) of the lines that contain a secret or an access token, never the lines themselves. */
    public static java.util.Set<String> leakingLoggers(String logText, String... secrets) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String line : logText.split("\n")) {
            if (leaksSecrets(line, secrets)) {
                out.add(line.split(" ", 2)[0]);
            }
        }
        return out;
    }

    /** Whether the text contains the secret or anything shaped like an access token. */
    public static boolean leaksSecrets(String logText, String... secrets) {
        for (String s : secrets) {
            if (logText.contains(s)) {
                return true;
            }
        }
        return ACCESS_TOKEN.matcher(logText).find();
    }
}
