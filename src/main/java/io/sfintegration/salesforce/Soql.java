package io.sfintegration.salesforce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The only way values get into SOQL. Escapes follow the SOQL reference, "Quoted String Escape Sequences"
 * (developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm):
 * {@code \\ \' \" \n \r \t \b \f}, and inside LIKE {@code \_ \%} for a literal underscore or percent.
 */
public final class Soql {

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    private static final String CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private Soql() {
    }

    /** A string literal: {@code 'value'} with every special character escaped. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + escape(value, false) + "'";
    }

    /** A LIKE literal that matches {@code value} exactly: {@code %} and {@code _} lose their wildcard meaning. */
    public static String likePattern(String value) {
        return "'" + escape(value, true) + "'";
    }

    /** A LIKE literal matching values that start with {@code prefix} (taken literally). */
    public static String likePrefix(String prefix) {
        return "'" + escape(prefix, true) + "%'";
    }

    /** {@code ('a','b')}; the collection must not be empty (SOQL has no empty IN list). */
    public static String inList(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return values.stream().map(Soql::quote).collect(Collectors.joining(",", "(", ")"));
    }

    /** {@code ('id1','id2')} after checking each value is a Salesforce id. */
    public static String idList(Collection<String> ids) {
        ids.forEach(Soql::requireId);
        return inList(ids);
    }

    /** A quoted id after checking it is one. */
    public static String id(String id) {
        return quote(requireId(id));
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static String requireId(String value) {
        if (!isId(value)) {
            throw new IllegalArgumentException("not a Salesforce id");
        }
        return value;
    }

    /**
     * The 18-character, case-insensitive form of an id (the 15-character form plus its checksum); 18-character ids
     * are returned as they are.
     */
    public static String id18(String id) {
        requireId(id);
        if (id.length() == 18) {
            return id;
        }
        StringBuilder suffix = new StringBuilder(3);
        for (int block = 0; block < 3; block++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id.charAt(block * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(CHECKSUM_ALPHABET.charAt(bits));
        }
        return id + suffix;
    }

    /** Two ids name the same record (15/18 characters, case-insensitive checksum). */
    public static boolean sameId(String a, String b) {
        if (!isId(a) || !isId(b)) {
            return false;
        }
        return id18(a).substring(0, 15).equals(id18(b).substring(0, 15));
    }

    /** {@link #sameId}, or both absent: for comparing an optional reference (a profile, a licence) with what is there. */
    public static boolean sameIdOrBothAbsent(String a, String b) {
        return a == null && b == null || sameId(a, b);
    }

    /**
     * The key an id names its record by, for maps and sets: its first 15 characters (the 18-character form only adds
     * a checksum of their case). Null gives the empty key.
     */
    public static String idKey(String id) {
        return id == null ? "" : id.substring(0, Math.min(15, id.length()));
    }

    /** A dateTime literal (unquoted in SOQL), truncated to seconds: {@code 2026-01-02T03:04:05Z}. */
    public static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String escape(String value, boolean like) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '%' -> sb.append(like ? "\\%" : "%");
                case '_' -> sb.append(like ? "\\_" : "_");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Lower-case key for case-insensitive maps (usernames, permission set names). */
    public static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
