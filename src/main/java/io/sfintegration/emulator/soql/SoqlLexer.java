package io.sfintegration.emulator.soql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SOQL statement into tokens. String literals use single quotes with the escapes the SOQL reference lists
 * ("Quoted String Escape Sequences": \n \r \t \b \f \" \' \\, and \_ \% kept for LIKE); any other escape is refused.
 */
final class SoqlLexer {

    private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private SoqlLexer() {
    }

    static List<Token> tokenize(String soql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = soql.length();
        while (i < n) {
            char c = soql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder plain = new StringBuilder();
                StringBuilder like = new StringBuilder();
                int start = i++;
                boolean closed = false;
                while (i < n) {
                    char d = soql.charAt(i);
                    if (d == '\\') {
                        if (i + 1 >= n) {
                            break;
                        }
                        char e = soql.charAt(i + 1);
                        char decoded = switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'f' -> '\f';
                            case '"', '\'', '\\', '_', '%' -> e;
                            default -> throw new SoqlException("MALFORMED_QUERY", "Invalid string literal '" + soql.substring(start, Math.min(n, i + 2))
                                    + "'. Illegal character sequence '\\" + e + "' in string literal.");
                        };
                        plain.append(e == '_' || e == '%' ? "\\" + e : String.valueOf(decoded));
                        like.append(java.util.regex.Pattern.quote(String.valueOf(decoded)));
                        i += 2;
                    } else if (d == '\'') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        plain.append(d);
                        like.append(d == '%' ? ".*" : d == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(d)));
                        i++;
                    }
                }
                if (!closed) {
                    throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + soql.substring(start) + "' (unterminated string)");
                }
                tokens.add(new Token(Token.Kind.STRING, soql.substring(start, i), new StringLiteral(plain.toString(), like.toString()), start));
            } else if (c == '(') {
                tokens.add(new Token(Token.Kind.LPAREN, "(", null, i++));
            } else if (c == ')') {
                tokens.add(new Token(Token.Kind.RPAREN, ")", null, i++));
            } else if (c == ',') {
                tokens.add(new Token(Token.Kind.COMMA, ",", null, i++));
            } else if (c == '.') {
                tokens.add(new Token(Token.Kind.DOT, ".", null, i++));
            } else if (c == ':') {
                tokens.add(new Token(Token.Kind.COLON, ":", null, i++));
            } else if (c == '=' ) {
                tokens.add(new Token(Token.Kind.OPERATOR, "=", null, i++));
            } else if (c == '!' && i + 1 < n && soql.charAt(i + 1) == '=') {
                tokens.add(new Token(Token.Kind.OPERATOR, "!=", null, i));
                i += 2;
            } else if (c == '<' || c == '>') {
                String op = String.valueOf(c);
                if (i + 1 < n && soql.charAt(i + 1) == '=') {
                    op += "=";
                } else if (c == '<' && i + 1 < n && soql.charAt(i + 1) == '>') {
                    op = "!=";
                    i++;
                }
                tokens.add(new Token(Token.Kind.OPERATOR, op, null, i));
                i += op.equals("!=") ? 1 : op.length();
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(soql.charAt(i + 1)))) {
                String rest = soql.substring(i);
                Matcher dt = DATETIME.matcher(rest);
                Matcher d = DATE.matcher(rest);
                Matcher num = NUMBER.matcher(rest);
                if (dt.lookingAt()) {
                    tokens.add(new Token(Token.Kind.DATETIME, dt.group(), parseDateTime(dt.group()), i));
                    i += dt.end();
                } else if (d.lookingAt()) {
                    try {
                        tokens.add(new Token(Token.Kind.DATE, d.group(), LocalDate.parse(d.group()), i));
                    } catch (DateTimeParseException e) {
                        throw new SoqlException("MALFORMED_QUERY", "value of filter criterion '" + d.group() + "' is not a valid date");
                    }
                    i += d.end();
                } else if (num.lookingAt()) {
                    String text = num.group();
                    tokens.add(new Token(Token.Kind.NUMBER, text, text.contains(".") ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text), i));
                    i += num.end();
                } else {
                    throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + c + "'");
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(soql.charAt(i)) || soql.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.IDENT, soql.substring(start, i), null, start));
            } else {
                throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + c + "'");
            }
        }
        tokens.add(new Token(Token.Kind.EOF, "<EOF>", null, n));
        return tokens;
    }

    private static Instant parseDateTime(String text) {
        String normalized = text.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2");
        try {
            return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new SoqlException("MALFORMED_QUERY", "value of filter criterion '" + text + "' is not a valid dateTime");
        }
    }
}
