package io.sfintegration.emulator.soql;

import java.util.List;

/** The parsed form of a SOQL statement, independent of any org's schema (so it can be cached). */
final class SoqlAst {
    private SoqlAst() {
    }

    /** A name as written, with its position in the statement for error messages. */
    record Name(String text, int pos) {
    }

    record Select(List<SelectItem> items, Name from, Expr where, List<OrderItem> orderBy, Integer limit,
                  Integer offset) {
    }

    sealed interface SelectItem permits FieldItem, CountItem {
    }

    record FieldItem(Name path) implements SelectItem {
    }

    /** COUNT() when field is null, else COUNT(field) [alias]. */
    record CountItem(Name field, String alias, int pos) implements SelectItem {
    }

    record OrderItem(Name path, boolean descending, boolean nullsLast) {
    }

    sealed interface Expr permits And, Or, Not, Compare, InList, SemiJoin {
    }

    record And(List<Expr> parts) implements Expr {
    }

    record Or(List<Expr> parts) implements Expr {
    }

    record Not(Expr inner) implements Expr {
    }

    /** op is one of = != < <= > >= LIKE ({@code <>} is normalised to !=). */
    record Compare(Name field, String op, int opPos, Literal value) implements Expr {
    }

    record InList(Name field, boolean negated, List<Literal> values) implements Expr {
    }

    record SemiJoin(Name field, boolean negated, Select subquery, int pos) implements Expr {
    }

    enum LiteralKind { STRING, NUMBER, BOOLEAN, NULL, DATE, DATETIME, RELATIVE_DATE }

    /** value: String, BigDecimal, Boolean, null, LocalDate, Instant or RelativeDate. */
    record Literal(LiteralKind kind, Object value, LikePattern likePattern, String text, int pos) {
    }

    /** TODAY, YESTERDAY, TOMORROW, LAST_N_DAYS:n, NEXT_N_DAYS:n. */
    record RelativeDate(String name, int n) {
    }
}
