package io.sfintegration.emulator.soql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Splits a SOQL statement into tokens. Dotted field paths ({@code Profile.UserLicense.Name}) are one IDENT. */
final class SoqlLexer {
    private final String soql;
    private int i;

    private SoqlLexer(String soql) {
        this.soql = soql;
    }

    static List<SoqlToken> tokenize(String soql) {
        return new SoqlLexer(soql).run();
    }

    private List<SoqlToken> run() {
        List<SoqlToken> out = new ArrayList<>();
        int n = soql.length();
        while (true) {
            while (i < n && Character.isWhitespace(soql.charAt(i))) {
                i++;
            }
            if (i >= n) {
                out.add(new SoqlToken(SoqlToken.Kind.EOF, "<EOF>", n, null, null));
                return out;
            }
            char c = soql.charAt(i);
            int start = i;
            if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(soql.charAt(i)) || soql.charAt(i) == '_'
                        || soql.charAt(i) == '.')) {
                    i++;
                }
                out.add(new SoqlToken(SoqlToken.Kind.IDENT, soql.substring(start, i), start, null, null));
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < n && Character.isDigit(soql.charAt(i + 1)))) {
                out.add(numberOrDate());
            } else if (c == '\'') {
                out.add(string());
            } else if (c == '(') {
                i++;
                out.add(new SoqlToken(SoqlToken.Kind.LPAREN, "(", start, null, null));
            } else if (c == ')') {
                i++;
                out.add(new SoqlToken(SoqlToken.Kind.RPAREN, ")", start, null, null));
            } else if (c == ',') {
                i++;
                out.add(new SoqlToken(SoqlToken.Kind.COMMA, ",", start, null, null));
            } else if (c == ':') {
                i++;
                out.add(new SoqlToken(SoqlToken.Kind.COLON, ":", start, null, null));
            } else if (c == '=') {
                i++;
                out.add(new SoqlToken(SoqlToken.Kind.OP, "=", start, null, null));
            } else if (c == '!' && i + 1 < n && soql.charAt(i + 1) == '=') {
                i += 2;
                out.add(new SoqlToken(SoqlToken.Kind.OP, "!=", start, null, null));
            } else if (c == '<' || c == '>') {
                i++;
                String op = String.valueOf(c);
                if (i < n && soql.charAt(i) == '=') {
                    op += "=";
                    i++;
                } else if (c == '<' && i < n && soql.charAt(i) == '>') {
                    op = "<>";
                    i++;
                }
                out.add(new SoqlToken(SoqlToken.Kind.OP, op, start, null, null));
            } else {
                throw SoqlErrors.unexpected(soql, start, String.valueOf(c));
            }
        }
    }

    private SoqlToken numberOrDate() {
        int start = i;
        if (looksLikeDate(i)) {
            i += 10;
            String datePart = soql.substring(start, i);
            if (i < soql.length() && soql.charAt(i) == 'T') {
                return dateTime(start);
            }
            try {
                return new SoqlToken(SoqlToken.Kind.DATE, datePart, start, LocalDate.parse(datePart), null);
            } catch (DateTimeParseException e) {
                throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, start, "line 1:" + start + " no viable alternative at character '" + datePart + "'");
            }
        }
        if (soql.charAt(i) == '-' || soql.charAt(i) == '+') {
            i++;
        }
        digits();
        if (i + 1 < soql.length() && soql.charAt(i) == '.' && Character.isDigit(soql.charAt(i + 1))) {
            i++;
            digits();
        }
        String text = soql.substring(start, i);
        return new SoqlToken(SoqlToken.Kind.NUMBER, text, start, new BigDecimal(text), null);
    }

    private void digits() {
        while (i < soql.length() && Character.isDigit(soql.charAt(i))) {
            i++;
        }
    }

    private boolean looksLikeDate(int p) {
        if (p + 10 > soql.length()) {
            return false;
        }
        for (int k = 0; k < 10; k++) {
            char ch = soql.charAt(p + k);
            boolean ok = (k == 4 || k == 7) ? ch == '-' : Character.isDigit(ch);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Datetime literals: {@code YYYY-MM-DDThh:mm:ss[.sss](Z|+hh:mm|-hh:mm)} (SOQL and SOSL Reference, "Date Formats and
     * Date Literals", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm).
     */
    private SoqlToken dateTime(int start) {
        int n = soql.length();
        while (i < n && (Character.isLetterOrDigit(soql.charAt(i)) || soql.charAt(i) == ':' || soql.charAt(i) == '.'
                || soql.charAt(i) == '+' || soql.charAt(i) == '-')) {
            i++;
        }
        String text = soql.substring(start, i);
        String iso = text;
        // accept +hhmm as well as +hh:mm
        if (iso.length() > 5) {
            String tail = iso.substring(iso.length() - 5);
            if ((tail.charAt(0) == '+' || tail.charAt(0) == '-') && tail.substring(1).chars().allMatch(Character::isDigit)) {
                iso = iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2);
            }
        }
        try {
            OffsetDateTime odt = OffsetDateTime.parse(iso);
            return new SoqlToken(SoqlToken.Kind.DATETIME, text, start, odt.toInstant(), null);
        } catch (DateTimeParseException e) {
            throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, start, "line 1:" + start
                    + " no viable alternative at character '" + text + "'");
        }
    }

    /**
     * Quoted string escapes: {@code \n \r \t \b \f \" \' \\}, and in LIKE {@code \_ \%}; any other backslash use is an
     * error (SOQL and SOSL Reference, "Quoted String Escape Sequences",
     * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm).
     */
    private SoqlToken string() {
        int start = i;
        int n = soql.length();
        i++;
        StringBuilder value = new StringBuilder();
        List<Integer> like = new ArrayList<>();
        while (true) {
            if (i >= n) {
                throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, start, "unterminated string literal: "
                        + abbreviate(soql.substring(start)));
            }
            char c = soql.charAt(i);
            if (c == '\'') {
                i++;
                break;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, start, "unterminated string literal: "
                            + abbreviate(soql.substring(start)));
                }
                char e = soql.charAt(i + 1);
                char decoded;
                switch (e) {
                    case 'n' -> decoded = '\n';
                    case 'r' -> decoded = '\r';
                    case 't' -> decoded = '\t';
                    case 'b' -> decoded = '\b';
                    case 'f' -> decoded = '\f';
                    case '"' -> decoded = '"';
                    case '\'' -> decoded = '\'';
                    case '\\' -> decoded = '\\';
                    case '%', '_' -> decoded = e;
                    default -> throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, i, "Invalid string literal '"
                            + abbreviate(soql.substring(start, Math.min(n, i + 2))) + "'. Illegal character sequence '\\"
                            + e + "' in string literal.");
                }
                value.append(decoded);
                like.add((int) Character.toLowerCase(decoded));
                i += 2;
                continue;
            }
            value.append(c);
            if (c == '%') {
                like.add(LikePattern.ANY_RUN);
            } else if (c == '_') {
                like.add(LikePattern.ANY_ONE);
            } else {
                like.add((int) Character.toLowerCase(c));
            }
            i++;
        }
        int[] elements = like.stream().mapToInt(Integer::intValue).toArray();
        return new SoqlToken(SoqlToken.Kind.STRING, value.toString(), start, value.toString(), new LikePattern(elements));
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
