package io.sfintegration.emulator.soql;

import java.util.Locale;
import java.util.Map;

/**
 * An emulated sObject type.
 *
 * @param name      the object's own spelling, e.g. {@code PermissionSetAssignment}
 * @param keyPrefix the 3-character id prefix, e.g. {@code 0Pa}
 * @param fields    fields keyed by lower-case name (field names are case-insensitive on input)
 */
public record ObjectSchema(String name, String keyPrefix, Map<String, FieldSchema> fields) {

    public FieldSchema field(String anyCase) {
        return fields.get(anyCase.toLowerCase(Locale.ROOT));
    }

    /** The reference field whose relationship name is given, case-insensitively, or null. */
    public FieldSchema relationship(String relationshipName) {
        for (FieldSchema f : fields.values()) {
            if (f.relationshipName() != null && f.relationshipName().equalsIgnoreCase(relationshipName)) {
                return f;
            }
        }
        return null;
    }
}
