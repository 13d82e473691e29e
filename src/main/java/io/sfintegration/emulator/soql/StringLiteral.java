package io.sfintegration.emulator.soql;

/**
 * A decoded string literal. {@code value} is what '=' compares (\_ and \% keep their backslash, as Salesforce only
 * treats them specially in LIKE); {@code likeRegex} is the LIKE pattern as a regular expression.
 */
record StringLiteral(String value, String likeRegex) {
}
