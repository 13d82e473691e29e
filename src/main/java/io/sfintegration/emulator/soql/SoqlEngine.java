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
}
