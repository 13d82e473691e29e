package io.sfintegration.emulator.soql;

import io.sfintegration.emulator.soql.SoqlAst.And;
import io.sfintegration.emulator.soql.SoqlAst.Compare;
import io.sfintegration.emulator.soql.SoqlAst.Condition;
import io.sfintegration.emulator.soql.SoqlAst.In;
import io.sfintegration.emulator.soql.SoqlAst.Like;
import io.sfintegration.emulator.soql.SoqlAst.Not;
import io.sfintegration.emulator.soql.SoqlAst.Or;
import io.sfintegration.emulator.soql.SoqlAst.Order;
import io.sfintegration.emulator.soql.SoqlAst.Path;
import io.sfintegration.emulator.soql.SoqlAst.Query;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for SELECT ... FROM ... [WHERE] [ORDER BY] [LIMIT] [OFFSET], with COUNT(), IN lists,
 * semi-joins and LIKE. Like Salesforce, it refuses AND and OR mixed at one level without parentheses
 * (SOQL reference, "Condition Expression Syntax (WHERE Clause)").
 */
final class SoqlParser {

    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "LIMIT", "OFFSET", "ASC", "DESC", "NULLS", "FIRST", "LAST", "NULL", "TRUE", "FALSE", "COUNT");
    static final int MAX_LENGTH = 100_000;

    private final List<Token> tokens;
    private int pos;

    private SoqlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw new SoqlException("MALFORMED_QUERY", "A query is required");
        }
        if (soql.length() > MAX_LENGTH) {
            throw new SoqlException("MALFORMED_QUERY", "Query is too long: " + soql.length()
                    + " characters, the limit is " + MAX_LENGTH + ". Split long IN lists into several queries.");
        }
        SoqlParser p = new SoqlParser(SoqlLexer.tokenize(soql));
        Query q = p.query();
        if (p.peek().kind() != Token.Kind.EOF) {
            throw p.unexpected();
        }
        return q;
    }

    private Query query() {
        expectKeyword("SELECT");
        boolean count = false;
        List<Path> fields = new ArrayList<>();
        if (peek().is("COUNT") && peek(1).kind() == Token.Kind.LPAREN) {
            next();
            next();
            if (peek().kind() != Token.Kind.RPAREN) {
                path();
            }
            expect(Token.Kind.RPAREN);
            count = true;
        } else {
            fields.add(path());
            while (peek().kind() == Token.Kind.COMMA) {
                next();
                fields.add(path());
            }
        }
        expectKeyword("FROM");
        Token from = next();
        if (from.kind() != Token.Kind.IDENT || RESERVED.contains(from.text().toUpperCase())) {
            throw unexpected(from);
        }
        Condition where = null;
        if (peek().is("WHERE")) {
            next();
            where = condition();
        }
        List<Order> order = new ArrayList<>();
        if (peek().is("ORDER")) {
            next();
            expectKeyword("BY");
            do {
                if (!order.isEmpty()) {
                    next();
                }
                Path p = path();
                boolean desc = false;
                if (peek().is("ASC")) {
                    next();
                } else if (peek().is("DESC")) {
                    next();
                    desc = true;
                }
                boolean nullsLast = desc;
                if (peek().is("NULLS")) {
                    next();
                    if (peek().is("FIRST")) {
                        nullsLast = false;
                    } else if (peek().is("LAST")) {
                        nullsLast = true;
                    } else {
                        throw unexpected();
                    }
                    next();
                }
                order.add(new Order(p, desc, nullsLast));
            } while (peek().kind() == Token.Kind.COMMA);
        }
        Integer limit = null;
        Integer offset = null;
        if (peek().is("LIMIT")) {
            next();
            limit = integer();
        }
        if (peek().is("OFFSET")) {
            next();
            offset = integer();
            if (offset > 2000) {
                throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000");
            }
        }
        return new Query(count, fields, from.text(), where, order, limit, offset);
    }

    private int integer() {
        Token t = next();
        if (t.kind() != Token.Kind.NUMBER || !(t.value() instanceof Long l) || l < 0) {
            throw unexpected(t);
        }
        return (int) Math.min(Integer.MAX_VALUE, l);
    }

    private Condition condition() {
        List<Condition> terms = new ArrayList<>();
        terms.add(unary());
        String joiner = null;
        while (peek().is("AND") || peek().is("OR")) {
            String op = next().text().toUpperCase();
            if (joiner != null && !joiner.equals(op)) {
                throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + op + "': use parentheses when mixing AND and OR");
            }
            joiner = op;
            terms.add(unary());
        }
        if (terms.size() == 1) {
            return terms.get(0);
        }
        return "AND".equals(joiner) ? new And(terms) : new Or(terms);
    }

    private Condition unary() {
        if (peek().is("NOT")) {
            next();
            return new Not(unary());
        }
        if (peek().kind() == Token.Kind.LPAREN) {
            next();
            Condition c = condition();
            expect(Token.Kind.RPAREN);
            return c;
        }
        return comparison();
    }

    private Condition comparison() {
        Path path = path();
        Token t = peek();
        if (t.is("NOT") && peek(1).is("IN")) {
            next();
            next();
            return in(path, true);
        }
        if (t.is("IN")) {
            next();
            return in(path, false);
        }
        if (t.is("LIKE")) {
            next();
            Token v = next();
            if (v.kind() != Token.Kind.STRING) {
                throw unexpected(v);
            }
            return new Like(path, (StringLiteral) v.value());
        }
        if (t.kind() == Token.Kind.OPERATOR) {
            next();
            return new Compare(path, t.text(), literal());
        }
        throw unexpected(t);
    }

    private Condition in(Path path, boolean negated) {
        expect(Token.Kind.LPAREN);
        if (peek().is("SELECT")) {
            Query sub = query();
            expect(Token.Kind.RPAREN);
            if (sub.count() || sub.fields().size() != 1) {
                throw new SoqlException("MALFORMED_QUERY", "a semi-join sub-query must select exactly one field");
            }
            return new In(path, negated, List.of(), sub);
        }
        List<Object> values = new ArrayList<>();
        values.add(literal());
        while (peek().kind() == Token.Kind.COMMA) {
            next();
            values.add(literal());
        }
        expect(Token.Kind.RPAREN);
        return new In(path, negated, values, null);
    }

    private Object literal() {
        Token t = next();
        switch (t.kind()) {
            case STRING, NUMBER, DATE, DATETIME -> {
                return t.value();
            }
            case IDENT -> {
                if (t.is("NULL")) {
                    return null;
                }
                if (t.is("TRUE")) {
                    return Boolean.TRUE;
                }
                if (t.is("FALSE")) {
                    return Boolean.FALSE;
                }
                return dateLiteral(t);
            }
            default -> throw unexpected(t);
        }
    }

    /** TODAY, YESTERDAY, TOMORROW and LAST_N_DAYS:n (SOQL reference, "Date Formats and Date Literals"). */
    private Object dateLiteral(Token t) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String name = t.text().toUpperCase();
        switch (name) {
            case "TODAY" -> {
                return new DateRange(today, today);
            }
            case "YESTERDAY" -> {
                return new DateRange(today.minusDays(1), today.minusDays(1));
            }
            case "TOMORROW" -> {
                return new DateRange(today.plusDays(1), today.plusDays(1));
            }
            case "LAST_N_DAYS" -> {
                expect(Token.Kind.COLON);
                int n = integer();
                return new DateRange(today.minusDays(n), today);
            }
            default -> throw unexpected(t);
        }
    }

    private Path path() {
        Token t = next();
        if (t.kind() != Token.Kind.IDENT || RESERVED.contains(t.text().toUpperCase())) {
            throw unexpected(t);
        }
        List<String> parts = new ArrayList<>();
        parts.add(t.text());
        while (peek().kind() == Token.Kind.DOT) {
            next();
            Token p = next();
            if (p.kind() != Token.Kind.IDENT) {
                throw unexpected(p);
            }
            parts.add(p.text());
        }
        return new Path(parts);
    }

    private void expectKeyword(String keyword) {
        Token t = next();
        if (!t.is(keyword)) {
            throw unexpected(t);
        }
    }

    private void expect(Token.Kind kind) {
        Token t = next();
        if (t.kind() != kind) {
            throw unexpected(t);
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(tokens.size() - 1, pos + ahead));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) {
            pos++;
        }
        return t;
    }

    private SoqlException unexpected() {
        return unexpected(peek());
    }

    private static SoqlException unexpected(Token t) {
        return new SoqlException("MALFORMED_QUERY", "unexpected token: '" + t.text() + "'");
    }

    /** A date literal that covers a range of days. */
    record DateRange(LocalDate from, LocalDate to) {
    }
}
