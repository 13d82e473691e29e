package io.sfintegration.controller.ownership;

import java.util.Locale;
import java.util.Objects;

/**
 * This operator installation as Salesforce sees it. Two clusters (or two releases) that manage the same org have
 * different ids, so each recognises only its own marks: the marker permission set it assigns to the users it manages
 * and the tag it appends to the description of the permission sets it manages.
 */
public record Installation(String id) {

    /** API names of marker permission sets start with this; a user carrying another one belongs to another installation. */
    public static final String MARKER_PREFIX = "SFIO_Managed_";
    private static final String TAG_START = "[sfio:";

    public Installation {
        Objects.requireNonNull(id, "installation id");
        if (!id.matches("[A-Za-z0-9]{1,40}")) {
            throw new IllegalArgumentException("the installation id must be 1 to 40 letters or digits, was '" + id + "'");
        }
    }

    /** API name of the empty, licence-free permission set whose assignment marks a user as managed by this installation. */
    public String markerPermissionSet() {
        return MARKER_PREFIX + id;
    }

    public boolean isOwnMarker(String permissionSetName) {
        return permissionSetName != null && permissionSetName.equalsIgnoreCase(markerPermissionSet());
    }

    public boolean isForeignMarker(String permissionSetName) {
        return isMarker(permissionSetName) && !isOwnMarker(permissionSetName);
    }

    /** Whether the permission set is any installation's marker (it says who manages a user, it grants nothing). */
    public static boolean isMarker(String permissionSetName) {
        return permissionSetName != null && permissionSetName.toLowerCase(Locale.ROOT).startsWith(MARKER_PREFIX.toLowerCase(Locale.ROOT));
    }

    /** The tag this installation appends to the Description of the permission sets it manages. */
    public String descriptionTag() {
        return TAG_START + id + "]";
    }

    /** The description as Salesforce should hold it: the spec's text followed by our tag (within the 255-character limit). */
    public String tagged(String description, int maxLength) {
        String text = untagged(description);
        String suffix = (text.isEmpty() ? "" : " ") + descriptionTag();
        if (text.length() + suffix.length() > maxLength) {
            text = text.substring(0, Math.max(0, maxLength - suffix.length()));
        }
        return text + suffix;
    }

    /** The installation whose tag ends the description, if any. */
    public static String tagOwner(String description) {
        if (description == null) {
            return null;
        }
        String trimmed = description.strip();
        int start = trimmed.lastIndexOf(TAG_START);
        if (start < 0 || !trimmed.endsWith("]")) {
            return null;
        }
        return trimmed.substring(start + TAG_START.length(), trimmed.length() - 1);
    }

    /** The description without any installation's tag, as people read it and as the spec states it. */
    public static String untagged(String description) {
        if (description == null) {
            return "";
        }
        String trimmed = description.strip();
        if (tagOwner(trimmed) == null) {
            return trimmed;
        }
        return trimmed.substring(0, trimmed.lastIndexOf(TAG_START)).strip();
    }
}
