package io.sfintegration.emulator.soql;

import java.util.List;
import java.util.Map;

/**
 * A field reached from the queried object through zero or more parent relationships, resolved against the schema.
 *
 * @param hops      the reference fields followed, in order (e.g. ProfileId, then UserLicenseId)
 * @param targets   for each hop, the objects it may point to
 * @param field     the field read at the end
 * @param canonical the path in canonical spelling, e.g. {@code Profile.UserLicense.Name}
 */
record FieldPath(List<FieldSchema> hops, List<List<ObjectSchema>> targets, FieldSchema field, String canonical) {

    Object read(Map<String, Object> row, SoqlDataSource data) {
        Map<String, Object> current = row;
        for (FieldSchema hop : hops) {
            Object id = current.get(hop.name());
            if (id == null) {
                return null;
            }
            current = data.byId(id.toString());
            if (current == null) {
                return null;
            }
        }
        return current.get(field.name());
    }
}
