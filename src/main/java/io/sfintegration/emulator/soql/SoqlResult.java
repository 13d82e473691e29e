package io.sfintegration.emulator.soql;

import java.util.List;
import java.util.Map;

/**
 * The full result of a query before paging.
 *
 * @param totalSize for COUNT() queries the count, else the number of records
 * @param records   rows in the REST JSON shape: each has "attributes" {type, url} first, then the selected fields in
 *                  the order of the SELECT list with their canonical spelling; parent relationships are nested
 *                  objects with their own "attributes" (or null when the reference is empty)
 */
public record SoqlResult(int totalSize, List<Map<String, Object>> records) {
}
