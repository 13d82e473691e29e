package io.sfintegration.emulator.soql;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulator's SOQL engine: a hand-written lexer ({@link SoqlLexer}), recursive-descent parser ({@link SoqlParser})
 * and evaluator ({@link QueryRunner}). Thread-safe: parsed statements are immutable and cached in a small
 * synchronized LRU; each execution binds them to the data source afresh.
 */
public final class DefaultSoqlEngine implements SoqlEngine {
    /** "SOQL statements can't exceed 100,000 characters" (SOQL and SOSL Reference, "SOQL and SOSL Limits"). */
    public static final int MAX_QUERY_LENGTH = 100_000;
    private static final int CACHE_ENTRIES = 512;
    private static final int MAX_CACHED_LENGTH = 20_000;

    private final Clock clock;
    private final Map<String, SoqlAst.Select> parsed;

    public DefaultSoqlEngine() {
        this(Clock.systemUTC());
    }

    /** @param clock what TODAY, LAST_N_DAYS:n and the other relative date literals are measured from (UTC) */
    public DefaultSoqlEngine(Clock clock) {
        this.clock = clock;
        this.parsed = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SoqlAst.Select> eldest) {
                return size() > CACHE_ENTRIES;
            }
        });
    }

    @Override
    public SoqlResult execute(String soql, SoqlDataSource data, String apiVersion, boolean includeDeleted) {
        if (soql == null || soql.isBlank()) {
            throw new SoqlException(SoqlErrors.MALFORMED_QUERY, "unexpected token: '<EOF>'");
        }
        if (soql.length() > MAX_QUERY_LENGTH) {
            throw new SoqlException(SoqlErrors.MALFORMED_QUERY, "Query too long: SOQL statements cannot be longer "
                    + "than 100,000 characters (this one has " + soql.length() + ")");
        }
        SoqlAst.Select select = parse(soql);
        return new QueryRunner(soql, data, apiVersion, includeDeleted, LocalDate.now(clock)).run(select);
    }

    @Override
    public java.util.List<String> selectList(String soql) {
        if (soql == null || soql.isBlank()) {
            throw new SoqlException(SoqlErrors.MALFORMED_QUERY, "unexpected token: '<EOF>'");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        int expr = 0;
        for (SoqlAst.SelectItem item : parse(soql).items()) {
            if (item instanceof SoqlAst.FieldItem f) {
                out.add(f.path().text());
            } else if (item instanceof SoqlAst.CountItem c && c.field() != null) {
                out.add("count:" + (c.alias() != null ? c.alias() : "expr" + expr++));
            }
        }
        return out;
    }

    @Override
    public String fromObject(String soql) {
        return parse(soql).from().text();
    }

    private SoqlAst.Select parse(String soql) {
        SoqlAst.Select select = parsed.get(soql);
        if (select == null) {
            select = SoqlParser.parse(soql);
            if (soql.length() <= MAX_CACHED_LENGTH) {
                parsed.put(soql, select);
            }
        }
        return select;
    }
}
