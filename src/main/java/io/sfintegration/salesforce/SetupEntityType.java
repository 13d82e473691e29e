package io.sfintegration.salesforce;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of setup entity a permission set grants through SetupEntityAccess that the operator manages, by their
 * SetupEntityType value (Object Reference, "SetupEntityAccess":
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_setupentityaccess.htm),
 * with the object and name field that find an entity by name. Other types (ApexPage, TabSet, ...) are left alone.
 */
public enum SetupEntityType {
    /** OAuth connected apps (API 28.0+), by ConnectedApplication.Name. */
    ConnectedApplication("ConnectedApplication", "Name", false),
    /** Apex classes, by ApexClass.Name, with NamespacePrefix for a managed package's classes (ns__Class). */
    ApexClass("ApexClass", "Name", true),
    /** Custom permissions (API 31.0+), by CustomPermission.DeveloperName, with NamespacePrefix (ns__Name). */
    CustomPermission("CustomPermission", "DeveloperName", true);

    private final String object;
    private final String nameField;
    private final boolean namespaced;

    SetupEntityType(String object, String nameField, boolean namespaced) {
        this.object = object;
        this.nameField = nameField;
        this.namespaced = namespaced;
    }

    public String object() {
        return object;
    }

    public String nameField() {
        return nameField;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** The lookup key of a name of this type: "ApexClass:acme__syncapi" (lower case: names are case-insensitive). */
    public String key(String name) {
        return (name() + ":" + name).toLowerCase(Locale.ROOT);
    }

    public static Optional<SetupEntityType> ofValue(String value) {
        for (SetupEntityType t : values()) {
            if (t.name().equalsIgnoreCase(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
