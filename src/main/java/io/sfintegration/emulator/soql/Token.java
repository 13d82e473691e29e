package io.sfintegration.emulator.soql;

/** A lexical token of SOQL; text keeps the original spelling, value is the decoded literal. */
record Token(Kind kind, String text, Object value, int position) {

    enum Kind { IDENT, STRING, NUMBER, DATE, DATETIME, OPERATOR, LPAREN, RPAREN, COMMA, DOT, COLON, EOF }

    boolean is(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }
}
