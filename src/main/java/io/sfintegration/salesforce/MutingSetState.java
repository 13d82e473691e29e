package io.sfintegration.salesforce;

import java.util.Set;

/** A MutingPermissionSet: its fields and the user permissions it mutes (names without the Permissions prefix). */
public record MutingSetState(String id, PermissionSetGroupFields fields, Set<String> mutedUserPermissions) {

    public MutingSetState {
        mutedUserPermissions = mutedUserPermissions == null ? Set.of() : Set.copyOf(mutedUserPermissions);
    }
}
