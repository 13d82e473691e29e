package io.sfintegration.emulator.soql;

import io.sfintegration.emulator.soql.SoqlAst.And;
import io.sfintegration.emulator.soql.SoqlAst.CountItem;
import io.sfintegration.emulator.soql.SoqlAst.Compare;
import io.sfintegration.emulator.soql.SoqlAst.Expr;
import io.sfintegration.emulator.soql.SoqlAst.FieldItem;
import io.sfintegration.emulator.soql.SoqlAst.InList;
import io.sfintegration.emulator.soql.SoqlAst.Literal;
import io.sfintegration.emulator.soql.SoqlAst.LiteralKind;
import io.sfintegration.emulator.soql.SoqlAst.Name;
import io.sfintegration.emulator.soql.SoqlAst.Not;
import io.sfintegration.emulator.soql.SoqlAst.Or;
import io.sfintegration.emulator.soql.SoqlAst.OrderItem;
import io.sfintegration.emulator.soql.SoqlAst.RelativeDate;
import io.sfintegration.emulator.soql.SoqlAst.Select;
import io.sfintegration.emulator.soql.SoqlAst.SelectItem;
import io.sfintegration.emulator.soql.SoqlAst.SemiJoin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for the SOQL subset the emulator serves:
 * <pre>
 * select    := SELECT item (',' item)* FROM name [WHERE cond] [ORDER BY order (',' order)*] [LIMIT n] [OFFSET n]
 * item      := COUNT '(' [path] ')' [alias] | path
 * cond      := unary (AND unary)* | unary (OR unary)*       -- mixing AND and OR needs parentheses
 * unary     := NOT unary | '(' cond ')' | path op value | path LIKE string | path [NOT] IN '(' values | select ')'
 * </pre>
 * "Parentheses are required whenever you mix the operators" (SOQL and SOSL Reference, "Logical Operators",
 * https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-logicaloperators.html).
 */
final class SoqlParser {
    private static final int MAX_DEPTH = 100;
    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "LIMIT", "OFFSET", "NULL", "TRUE", "FALSE", "GROUP", "HAVING", "WITH", "ASC", "DESC",
            "NULLS", "INCLUDES", "EXCLUDES", "USING", "FOR");
    /** Maximum OFFSET (SOQL and SOSL Reference, "OFFSET"). */
    static final int MAX_OFFSET = 2000;

    private final String soql;
    private final List<SoqlToken> tokens;
    private int i;
    private int depth;

    private SoqlParser(String soql) {
        this.soql = soql;
        this.tokens = SoqlLexer.tokenize(soql);
    }

    static Select parse(String soql) {
        SoqlParser p = new SoqlParser(soql);
        Select s = p.select(false);
        p.expectEof();
        return s;
    }

    private SoqlToken peek() {
        return tokens.get(i);
    }

    private SoqlToken peek(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private SoqlToken next() {
        SoqlToken t = tokens.get(i);
        if (t.kind() != SoqlToken.Kind.EOF) {
            i++;
        }
        return t;
    }

    private SoqlException unexpected(SoqlToken t) {
        return SoqlErrors.unexpected(soql, t.pos(), t.display());
    }

    private void expectKeyword(String kw) {
        SoqlToken t = next();
        if (!t.is(kw)) {
            throw unexpected(t);
        }
    }

    private void expect(SoqlToken.Kind kind) {
        SoqlToken t = next();
        if (t.kind() != kind) {
            throw unexpected(t);
        }
    }

    private void expectEof() {
        if (peek().kind() != SoqlToken.Kind.EOF) {
            throw unexpected(peek());
        }
    }

    private Name name() {
        SoqlToken t = next();
        if (t.kind() != SoqlToken.Kind.IDENT || RESERVED.contains(t.text().toUpperCase(Locale.ROOT))
                || t.text().endsWith(".") || t.text().contains("..")) {
            throw unexpected(t);
        }
        return new Name(t.text(), t.pos());
    }

    private Select select(boolean subquery) {
        expectKeyword("SELECT");
        List<SelectItem> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (acceptComma());
        expectKeyword("FROM");
        Name from = name();
        if (from.text().contains(".")) {
            throw SoqlErrors.unexpected(soql, from.pos(), from.text());
        }
        Expr where = null;
        if (peek().is("WHERE")) {
            next();
            where = condition();
        }
        List<OrderItem> orderBy = List.of();
        Integer limit = null;
        Integer offset = null;
        if (!subquery) {
            if (peek().is("ORDER")) {
                next();
                expectKeyword("BY");
                List<OrderItem> order = new ArrayList<>();
                do {
                    order.add(orderItem());
                } while (acceptComma());
                orderBy = List.copyOf(order);
            }
            if (peek().is("LIMIT")) {
                next();
                limit = nonNegativeInt();
            }
            if (peek().is("OFFSET")) {
                next();
                SoqlToken t = peek();
                offset = nonNegativeInt();
                if (offset > MAX_OFFSET) {
                    throw SoqlErrors.at(SoqlErrors.NUMBER_OUTSIDE_VALID_RANGE, soql, t.pos(),
                            "Maximum SOQL offset allowed is " + MAX_OFFSET);
                }
            }
        }
        return new Select(List.copyOf(items), from, where, orderBy, limit, offset);
    }

    private boolean acceptComma() {
        if (peek().kind() == SoqlToken.Kind.COMMA) {
            next();
            return true;
        }
        return false;
    }

    private int nonNegativeInt() {
        SoqlToken t = next();
        if (t.kind() != SoqlToken.Kind.NUMBER) {
            throw unexpected(t);
        }
        BigDecimal v = (BigDecimal) t.value();
        if (v.signum() < 0 || v.scale() > 0 || t.text().startsWith("+")) {
            throw unexpected(t);
        }
        return v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : v.intValue();
    }

    private SelectItem selectItem() {
        SoqlToken t = peek();
        if (t.is("COUNT") && peek(1).kind() == SoqlToken.Kind.LPAREN) {
            next();
            next();
            Name field = null;
            if (peek().kind() != SoqlToken.Kind.RPAREN) {
                field = name();
            }
            expect(SoqlToken.Kind.RPAREN);
            String alias = null;
            SoqlToken a = peek();
            if (a.kind() == SoqlToken.Kind.IDENT && !RESERVED.contains(a.text().toUpperCase(Locale.ROOT))) {
                if (field == null || a.text().contains(".")) {
                    throw unexpected(a);
                }
                next();
                alias = a.text();
            }
            return new CountItem(field, alias, t.pos());
        }
        return new FieldItem(name());
    }

    private OrderItem orderItem() {
        Name path = name();
        boolean desc = false;
        if (peek().is("ASC")) {
            next();
        } else if (peek().is("DESC")) {
            next();
            desc = true;
        }
        boolean nullsLast = false;
        if (peek().is("NULLS")) {
            next();
            SoqlToken t = next();
            if (t.is("LAST")) {
                nullsLast = true;
            } else if (!t.is("FIRST")) {
                throw unexpected(t);
            }
        }
        return new OrderItem(path, desc, nullsLast);
    }

    private Expr condition() {
        if (++depth > MAX_DEPTH) {
            throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, peek().pos(), "Query is too complicated: "
                    + "too many nested parentheses");
        }
        Expr first = unary();
        String joiner = null;
        List<Expr> parts = new ArrayList<>();
        parts.add(first);
        while (peek().is("AND") || peek().is("OR")) {
            SoqlToken op = peek();
            String kw = op.text().toUpperCase(Locale.ROOT);
            if (joiner != null && !joiner.equals(kw)) {
                throw unexpected(op);
            }
            joiner = kw;
            next();
            parts.add(unary());
        }
        depth--;
        if (joiner == null) {
            return first;
        }
        return joiner.equals("AND") ? new And(List.copyOf(parts)) : new Or(List.copyOf(parts));
    }

    private Expr unary() {
        SoqlToken t = peek();
        if (t.is("NOT")) {
            next();
            if (++depth > MAX_DEPTH) {
                throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, t.pos(), "Query is too complicated: "
                        + "too many nested NOT operators");
            }
            Expr inner = unary();
            depth--;
            return new Not(inner);
        }
        if (t.kind() == SoqlToken.Kind.LPAREN) {
            next();
            Expr inner = condition();
            expect(SoqlToken.Kind.RPAREN);
            return inner;
        }
        return fieldExpression();
    }

    private Expr fieldExpression() {
        Name field = name();
        SoqlToken op = next();
        if (op.kind() == SoqlToken.Kind.OP) {
            String o = op.text().equals("<>") ? "!=" : op.text();
            return new Compare(field, o, op.pos(), value());
        }
        if (op.is("LIKE")) {
            return new Compare(field, "LIKE", op.pos(), value());
        }
        boolean negated = false;
        if (op.is("NOT")) {
            negated = true;
            op = next();
        }
        if (!op.is("IN")) {
            throw unexpected(op);
        }
        expect(SoqlToken.Kind.LPAREN);
        if (peek().is("SELECT")) {
            int pos = peek().pos();
            Select sub = select(true);
            expect(SoqlToken.Kind.RPAREN);
            return new SemiJoin(field, negated, sub, pos);
        }
        List<Literal> values = new ArrayList<>();
        do {
            values.add(value());
        } while (acceptComma());
        expect(SoqlToken.Kind.RPAREN);
        return new InList(field, negated, List.copyOf(values));
    }

    private Literal value() {
        SoqlToken t = next();
        switch (t.kind()) {
            case STRING:
                return new Literal(LiteralKind.STRING, t.value(), t.likePattern(), t.text(), t.pos());
            case NUMBER:
                return new Literal(LiteralKind.NUMBER, t.value(), null, t.text(), t.pos());
            case DATE:
                return new Literal(LiteralKind.DATE, t.value(), null, t.text(), t.pos());
            case DATETIME:
                return new Literal(LiteralKind.DATETIME, t.value(), null, t.text(), t.pos());
            case IDENT:
                return identValue(t);
            default:
                throw unexpected(t);
        }
    }

    /**
     * true/false/null and the date literals this emulator knows (SOQL and SOSL Reference, "Date Formats and Date
     * Literals").
     */
    private Literal identValue(SoqlToken t) {
        String up = t.text().toUpperCase(Locale.ROOT);
        switch (up) {
            case "TRUE":
                return new Literal(LiteralKind.BOOLEAN, Boolean.TRUE, null, t.text(), t.pos());
            case "FALSE":
                return new Literal(LiteralKind.BOOLEAN, Boolean.FALSE, null, t.text(), t.pos());
            case "NULL":
                return new Literal(LiteralKind.NULL, null, null, t.text(), t.pos());
            case "TODAY", "YESTERDAY", "TOMORROW":
                return new Literal(LiteralKind.RELATIVE_DATE, new RelativeDate(up, 0), null, t.text(), t.pos());
            case "LAST_N_DAYS", "NEXT_N_DAYS": {
                expect(SoqlToken.Kind.COLON);
                SoqlToken n = next();
                if (n.kind() != SoqlToken.Kind.NUMBER || ((BigDecimal) n.value()).scale() > 0
                        || ((BigDecimal) n.value()).signum() < 0 || n.text().startsWith("+")) {
                    throw unexpected(n);
                }
                int days = ((BigDecimal) n.value()).min(BigDecimal.valueOf(100_000)).intValue();
                return new Literal(LiteralKind.RELATIVE_DATE, new RelativeDate(up, days), null,
                        t.text() + ":" + n.text(), t.pos());
            }
            default:
                throw unexpected(t);
        }
    }
}
