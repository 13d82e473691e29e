package io.sfintegration.salesforce.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Adapts a find-by-keys call (which answers with a map) to a {@link BatchFunction}: asks once per distinct key and
 * returns, for every key of the batch, its value or null when the org has none.
 *
 * @param find      the delegate's lookup
 * @param resultKey how the delegate keys its answer for a given key (e.g. lower-cased username), also the identity
 *                  used to deduplicate
 */
record KeyedLookup<V>(Function<Collection<String>, Map<String, V>> find, UnaryOperator<String> resultKey)
        implements BatchFunction<String, V> {

    @Override
    public List<V> apply(List<String> keys) {
        Map<String, String> distinct = new LinkedHashMap<>();
        keys.forEach(k -> distinct.putIfAbsent(resultKey.apply(k), k));
        Map<String, V> found = find.apply(List.copyOf(distinct.values()));
        List<V> values = new ArrayList<>(keys.size());
        keys.forEach(k -> values.add(found.get(resultKey.apply(k))));
        return values;
    }

    /** The caller's own answer: the found entries for its keys, keyed as the delegate keys them. */
    Map<String, V> toMap(List<String> keys, List<V> values) {
        Map<String, V> own = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) != null) {
                own.put(resultKey.apply(keys.get(i)), values.get(i));
            }
        }
        return own;
    }
}
