package io.sfintegration.emulator.soql;

import java.util.List;

/**
 * One field of an emulated sObject.
 *
 * @param name             the field's own spelling, e.g. {@code ProfileId}
 * @param type             its type
 * @param relationshipName for REFERENCE fields, the parent relationship name used in SOQL (e.g. {@code Profile}), else null
 * @param referenceTo      for REFERENCE fields, the object names it may point to (polymorphic when more than one)
 * @param createable       whether the API may set it on create
 * @param updateable       whether the API may set it on update
 * @param nillable         whether it may be null
 */
public record FieldSchema(String name, FieldType type, String relationshipName, List<String> referenceTo,
                          boolean createable, boolean updateable, boolean nillable) {
}
