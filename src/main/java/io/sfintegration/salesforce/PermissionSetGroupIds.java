package io.sfintegration.salesforce;

import java.util.Locale;

/**
 * Permission set groups share PermissionSetAssignment with permission sets (Object Reference, "PermissionSetAssignment":
 * PermissionSetGroupId is set for a group's assignment, whose PermissionSetId then names the group's aggregate set).
 * The operator carries a group through the assignment paths as its id, told apart by its key prefix (0PG), so groups
 * are assigned in the same sObject collection calls as sets; in names it shows with {@link #SUFFIX}.
 */
public final class PermissionSetGroupIds {

    /** Key prefix of PermissionSetGroup ids. */
    public static final String PREFIX = "0PG";
    /** How a group's name shows among assignments and plan lines: "Billing_Role (group)". */
    public static final String SUFFIX = " (group)";
    private static final String MUTING_SUFFIX = "_Muting";

    private PermissionSetGroupIds() {
    }

    public static boolean isGroup(String id) {
        return id != null && id.toUpperCase(Locale.ROOT).startsWith(PREFIX);
    }

    /** The assignment field that names this target: PermissionSetGroupId for a group, PermissionSetId otherwise. */
    public static String assignmentField(String targetId) {
        return isGroup(targetId) ? "PermissionSetGroupId" : "PermissionSetId";
    }

    /**
     * The API name of the muting permission set the operator keeps for a group: the group's name (shortened to fit
     * 80 characters, no trailing underscore) + "_Muting". Found with the group in the same read.
     */
    public static String mutingName(String groupName) {
        String base = groupName.substring(0, Math.min(groupName.length(), 80 - MUTING_SUFFIX.length())).replaceAll("_+$", "");
        return base + MUTING_SUFFIX;
    }

    public static String display(String groupName) {
        return groupName + SUFFIX;
    }

    public static String name(String display) {
        return display != null && display.endsWith(SUFFIX) ? display.substring(0, display.length() - SUFFIX.length()) : display;
    }
}
