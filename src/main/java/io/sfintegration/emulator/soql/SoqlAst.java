package io.sfintegration.emulator.soql;

import java.util.List;

/** The parsed form of the SOQL subset the emulator supports. */
final class SoqlAst {
    private SoqlAst() {
    }

    /** A field path as written, e.g. [Profile, UserLicense, Name]. */
    record Path(List<String> parts) {
        String text() {
            return String.join(".", parts);
        }
    }

    record Query(boolean count, List<Path> fields, String from, Condition where, List<Order> orderBy, Integer limit, Integer offset) {
    }

    record Order(Path path, boolean descending, boolean nullsLast) {
    }

    sealed interface Condition permits And, Or, Not, Compare, In, Like {
    }

    record And(List<Condition> terms) implements Condition {
    }

    record Or(List<Condition> terms) implements Condition {
    }

    record Not(Condition term) implements Condition {
    }

    /** op is one of = != < <= > >=; value is a literal (String via StringLiteral, Boolean, Long, Double, LocalDate, Instant, null). */
    record Compare(Path path, String op, Object value) implements Condition {
    }

    /** Either values or a sub-query (semi-join / anti-join). */
    record In(Path path, boolean negated, List<Object> values, Query subquery) implements Condition {
    }

    record Like(Path path, StringLiteral pattern) implements Condition {
    }
}
