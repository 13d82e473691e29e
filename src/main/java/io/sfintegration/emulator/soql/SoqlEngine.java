package io.sfintegration.emulator.soql;

/** Parses and runs a SOQL statement against a data source. Implementations must be thread-safe. */
public interface SoqlEngine {

    /**
     * @param soql           the statement, as received in {@code q}
     * @param data           the org's records
     * @param apiVersion     e.g. "62.0", for the attributes.url of each row
     * @param includeDeleted true for queryAll
     * @throws SoqlException for anything Salesforce would reject
     */
    SoqlResult execute(String soql, SoqlDataSource data, String apiVersion, boolean includeDeleted);

    /**
     * The SELECT list as written, one entry per item: a field path ("Profile.UserLicense.Name") or, for COUNT(...),
     * the column name of the aggregate ("expr0" or its alias) prefixed with "count:". Empty for a bare COUNT().
     *
     * @throws SoqlException when the statement does not parse
     */
    default java.util.List<String> selectList(String soql) {
        throw new UnsupportedOperationException("selectList");
    }

    /** The object named in FROM, as written. */
    default String fromObject(String soql) {
        throw new UnsupportedOperationException("fromObject");
    }
}
