package io.sfintegration.emulator.soql;

/**
 * A compiled LIKE pattern: {@code %} matches any run of characters, {@code _} exactly one, {@code \%} and {@code \_}
 * the literal characters; matching is case-insensitive (SOQL and SOSL Reference, "Comparison Operators", LIKE:
 * https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-comparisonoperators.html).
 * Matching is a greedy wildcard walk with single backtrack point: O(n*m) worst case, no regex, so hostile patterns
 * such as {@code '%a%a%a%a%b'} cannot blow up.
 */
final class LikePattern {
    static final int ANY_RUN = -1;
    static final int ANY_ONE = -2;

    private final int[] elements;

    LikePattern(int[] elements) {
        this.elements = elements;
    }

    boolean matches(String value) {
        String s = value;
        int si = 0;
        int pi = 0;
        int starPi = -1;
        int starSi = 0;
        while (si < s.length()) {
            if (pi < elements.length && elements[pi] != ANY_RUN
                    && (elements[pi] == ANY_ONE || elements[pi] == Character.toLowerCase(s.charAt(si)))) {
                si++;
                pi++;
            } else if (pi < elements.length && elements[pi] == ANY_RUN) {
                starPi = pi++;
                starSi = si;
            } else if (starPi >= 0) {
                pi = starPi + 1;
                si = ++starSi;
            } else {
                return false;
            }
        }
        while (pi < elements.length && elements[pi] == ANY_RUN) {
            pi++;
        }
        return pi == elements.length;
    }
}
