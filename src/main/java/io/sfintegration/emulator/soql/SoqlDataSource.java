package io.sfintegration.emulator.soql;

import java.util.Map;

/**
 * What the SOQL engine reads. Records are maps keyed by the field's canonical spelling; values are
 * String, Boolean, Integer/Long, Double, java.time.LocalDate, java.time.Instant (datetimes), or null.
 * Every record has "Id" (18 characters).
 */
public interface SoqlDataSource {

    /** Schema of an object by name (case-insensitive), or null if the org has no such object. */
    ObjectSchema schema(String objectName);

    /** A snapshot of the records of an object; deleted ones only when includeDeleted (queryAll). */
    Iterable<Map<String, Object>> records(String objectName, boolean includeDeleted);

    /** Any live record by its 15- or 18-character id, or null. */
    Map<String, Object> byId(String id);
}
