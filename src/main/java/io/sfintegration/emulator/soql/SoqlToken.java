package io.sfintegration.emulator.soql;

/**
 * One lexical token. For string literals {@code value} is the decoded text and {@code likePattern} the same literal
 * read as a LIKE pattern (see {@link LikePattern}), because {@code \%} and {@code \_} mean different things there.
 */
record SoqlToken(Kind kind, String text, int pos, Object value, LikePattern likePattern) {

    enum Kind { IDENT, STRING, NUMBER, DATE, DATETIME, LPAREN, RPAREN, COMMA, COLON, OP, EOF }

    boolean is(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    /** How Salesforce names this token in "unexpected token: '...'" messages. */
    String display() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
