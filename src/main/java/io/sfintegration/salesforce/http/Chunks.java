package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.Soql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Splits values for SOQL IN lists: a statement is limited to 100,000 characters (SOQL and SOSL Reference, "SOQL and
 * SOSL Limits"), and up to four queries of a composite repeat the same list, so a chunk stays well under it.
 */
final class Chunks {

    static final int MAX_VALUES = 500;
    static final int MAX_CHARS = 20_000;

    private Chunks() {
    }

    static List<List<String>> forInList(Collection<String> values) {
        return split(values, MAX_VALUES, MAX_CHARS);
    }

    static List<List<String>> split(Collection<String> values, int maxValues, int maxChars) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int chars = 0;
        for (String v : values) {
            int length = Soql.quote(v).length() + 1;
            if (!current.isEmpty() && (current.size() >= maxValues || chars + length > maxChars)) {
                chunks.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(v);
            chars += length;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    static <T> List<List<T>> of(List<T> values, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += size) {
            chunks.add(values.subList(i, Math.min(values.size(), i + size)));
        }
        return chunks;
    }
}
