package io.sfintegration.emulator.soql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Value conversions shared by filtering, sorting and output. */
final class SoqlValues {
    /** REST API datetime format, e.g. {@code 2024-01-31T10:00:00.000+0000}. */
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SoqlValues() {
    }

    static boolean isText(FieldType t) {
        return t == FieldType.STRING || t == FieldType.EMAIL || t == FieldType.PICKLIST || t == FieldType.TEXTAREA;
    }

    static boolean isId(FieldType t) {
        return t == FieldType.ID || t == FieldType.REFERENCE;
    }

    static boolean isNumber(FieldType t) {
        return t == FieldType.INT || t == FieldType.DOUBLE;
    }

    /** 15- and 18-character ids name the same record: compare the case-sensitive 15-character form. */
    static String idKey(String id) {
        return id.length() > 15 ? id.substring(0, 15) : id;
    }

    static boolean isValidId(String s) {
        if (s.length() != 15 && s.length() != 18) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static Instant toInstant(Object v) {
        if (v instanceof Instant in) {
            return in;
        }
        if (v instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (v instanceof String s) {
            try {
                return OffsetDateTime.parse(s.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    static LocalDate toDate(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                return LocalDate.parse(s);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** The JSON form of a stored value. */
    static Object output(Object v) {
        if (v instanceof Instant in) {
            return DATETIME.format(in);
        }
        if (v instanceof OffsetDateTime odt) {
            return DATETIME.format(odt.toInstant());
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        return v;
    }
}
