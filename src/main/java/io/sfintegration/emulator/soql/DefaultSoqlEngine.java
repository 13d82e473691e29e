package io.sfintegration.emulator.soql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The emulator's SOQL engine: parse (with a small cache of parsed statements), then evaluate. */
public final class DefaultSoqlEngine implements SoqlEngine {

    private static final int CACHE_SIZE = 256;

    private final Map<String, SoqlAst.Query> parsed = Collections.synchronizedMap(new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SoqlAst.Query> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    @Override
    public SoqlResult execute(String soql, SoqlDataSource data, String apiVersion, boolean includeDeleted) {
        SoqlAst.Query query = soql != null && soql.length() < 4096 ? parsed.get(soql) : null;
        if (query == null) {
            query = SoqlParser.parse(soql);
            if (soql.length() < 4096) {
                parsed.put(soql, query);
            }
        }
        return new SoqlEvaluator(data, apiVersion, includeDeleted).run(query);
    }
}
