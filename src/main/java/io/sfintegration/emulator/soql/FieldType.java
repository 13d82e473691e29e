package io.sfintegration.emulator.soql;

/** Salesforce field types the emulator models (names as in describe's "type"). */
public enum FieldType {
    ID("id"), STRING("string"), EMAIL("email"), BOOLEAN("boolean"), INT("int"), DOUBLE("double"),
    DATE("date"), DATETIME("datetime"), REFERENCE("reference"), PICKLIST("picklist"), TEXTAREA("textarea");

    private final String describeName;

    FieldType(String describeName) {
        this.describeName = describeName;
    }

    public String describeName() {
        return describeName;
    }
}
