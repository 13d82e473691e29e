package io.sfintegration.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which drift sentences are a person removing access, as the checks write them. */
class AccessRemovalTest {

    @Test
    void deactivationFreezeAndUnassignmentAreRemovals() {
        AccessRemoval.Split s = AccessRemoval.split(List.of(
                "active: expected true, found false",
                "frozen: expected false, found true",
                "permission set Reader: expected assigned, found not assigned",
                "permission set licence Salesforce API Integration: expected assigned, found not assigned",
                "email: expected 'a@b.example', found 'c@d.example'"));
        assertThat(s.removed()).hasSize(4);
        assertThat(s.others()).containsExactly("email: expected 'a@b.example', found 'c@d.example'");
    }

    @Test
    void reactivationUnfreezingAndExtraAssignmentsAreNot() {
        List<String> adding = List.of("active: expected false, found true", "frozen: expected true, found false",
                "permission set Old: expected not assigned, found assigned");
        AccessRemoval.Split s = AccessRemoval.split(adding);
        assertThat(s.removed()).isEmpty();
        assertThat(s.others()).isEqualTo(adding);
    }

    @Test
    void userPermissionsNameOnlyWhatIsMissingAndKeepWhatWasAdded() {
        AccessRemoval.Split removedOnly = AccessRemoval.split(List.of("userPermissions: expected [ApiEnabled, ViewSetup], found [ApiEnabled]"));
        assertThat(removedOnly.removed()).containsExactly("userPermission ViewSetup: expected enabled, found disabled");
        assertThat(removedOnly.others()).isEmpty();

        AccessRemoval.Split both = AccessRemoval.split(List.of("userPermissions: expected [ViewSetup], found [apienabled]"));
        assertThat(both.removed()).containsExactly("userPermission ViewSetup: expected enabled, found disabled");
        assertThat(both.others()).hasSize(1);

        AccessRemoval.Split added = AccessRemoval.split(List.of("userPermissions: expected [viewsetup], found [ApiEnabled, ViewSetup]"));
        assertThat(added.removed()).isEmpty();
        assertThat(added.others()).hasSize(1);
    }

    @Test
    void rowsAndGrantsWithFewerRightsAreRemovals() {
        AccessRemoval.Split s = AccessRemoval.split(List.of(
                "objectPermissions Account: expected read+edit, found read",
                "objectPermissions Contact: expected read, found none",
                "objectPermissions Lead: expected read, found read+edit",
                "objectPermissions Case: expected none, found read",
                "fieldPermissions Account.Phone: expected read+edit, found read",
                "apex class Foo: expected granted, found not granted",
                "apex class Bar: expected not granted, found granted"));
        assertThat(s.removed()).containsExactly("objectPermissions Account: expected read+edit, found read",
                "objectPermissions Contact: expected read, found none",
                "fieldPermissions Account.Phone: expected read+edit, found read",
                "apex class Foo: expected granted, found not granted");
        assertThat(s.others()).containsExactly("objectPermissions Lead: expected read, found read+edit",
                "objectPermissions Case: expected none, found read", "apex class Bar: expected not granted, found granted");
    }
}
