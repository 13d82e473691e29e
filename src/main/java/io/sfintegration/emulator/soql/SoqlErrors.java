package io.sfintegration.emulator.soql;

/**
 * Builds SoqlExceptions worded like Salesforce's. Salesforce prefixes positional errors with the offending query line,
 * a caret and "ERROR at Row:r:Column:c" before the message text, e.g.
 * {@code \nSELECT Foo FROM User\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'User'. ...}
 */
final class SoqlErrors {
    static final String MALFORMED_QUERY = "MALFORMED_QUERY";
    static final String INVALID_FIELD = "INVALID_FIELD";
    static final String INVALID_TYPE = "INVALID_TYPE";
    static final String INVALID_QUERY_FILTER_OPERATOR = "INVALID_QUERY_FILTER_OPERATOR";
    static final String NUMBER_OUTSIDE_VALID_RANGE = "NUMBER_OUTSIDE_VALID_RANGE";

    private static final int EXCERPT_WIDTH = 160;

    private SoqlErrors() {
    }

    static SoqlException at(String code, String soql, int pos, String text) {
        if (soql == null || pos < 0) {
            return new SoqlException(code, text);
        }
        int p = Math.min(pos, soql.length());
        int row = 1;
        int lineStart = 0;
        for (int i = 0; i < p; i++) {
            if (soql.charAt(i) == '\n') {
                row++;
                lineStart = i + 1;
            }
        }
        int lineEnd = soql.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = soql.length();
        }
        int column = p - lineStart + 1;
        // keep the excerpt short for huge queries: a window around the error position
        int from = lineStart;
        if (p - from > EXCERPT_WIDTH / 2) {
            from = p - EXCERPT_WIDTH / 2;
        }
        int to = Math.min(lineEnd, from + EXCERPT_WIDTH);
        String excerpt = soql.substring(from, to).replace('\r', ' ');
        String caret = " ".repeat(Math.max(0, p - from)) + "^";
        return new SoqlException(code, "\n" + excerpt + "\n" + caret + "\nERROR at Row:" + row + ":Column:" + column
                + "\n" + text);
    }

    static SoqlException unexpected(String soql, int pos, String tokenText) {
        return at(MALFORMED_QUERY, soql, pos, "unexpected token: '" + tokenText + "'");
    }

    static SoqlException noSuchColumn(String soql, int pos, String field, String entity) {
        return at(INVALID_FIELD, soql, pos, "No such column '" + field + "' on entity '" + entity + "'. If you are "
                + "attempting to use a custom field, be sure to append the '__c' after the custom field name. Please "
                + "reference your WSDL or the describe call for the appropriate names.");
    }

    static SoqlException badRelationship(String soql, int pos, String relationship) {
        return at(INVALID_FIELD, soql, pos, "Didn't understand relationship '" + relationship + "' in field path. If "
                + "you are attempting to use a custom relationship, be sure to append the '__r' after the custom "
                + "relationship name. Please reference your WSDL or the describe call for the appropriate names.");
    }

    static SoqlException unknownType(String soql, int pos, String type) {
        return at(INVALID_TYPE, soql, pos, "sObject type '" + type + "' is not supported. If you are attempting to "
                + "use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL "
                + "or the describe call for the appropriate names.");
    }
}
