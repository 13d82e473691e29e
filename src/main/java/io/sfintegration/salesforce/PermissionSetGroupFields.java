package io.sfintegration.salesforce;

/** The writable fields of a PermissionSetGroup (DeveloperName, MasterLabel, Description). */
public record PermissionSetGroupFields(String developerName, String label, String description) {
}
