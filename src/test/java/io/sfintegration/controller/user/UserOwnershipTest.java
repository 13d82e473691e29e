package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.SalesforceUser;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The ownership decision for users, fact by fact: no Salesforce, no Kubernetes. */
class UserOwnershipTest {

    static final String ORG = "00D5g0000000001EAA";
    static final String OPERATOR = "0055g0000000001AAA";
    static final Installation US = new Installation("blue");
    static final String USER_ID = "0055g00000000ABAAY";

    @Test
    void noUserMeansCreate() {
        assertThat(decide(AdoptionPolicy.Never, Optional.empty(), null).kind()).isEqualTo(UserOwnership.Kind.CREATE);
    }

    @Test
    void createdByTheOperatorsOwnSalesforceUserIsNotEnough() {
        UserOwnership.Decision d = decide(AdoptionPolicy.Never, Optional.empty(), user("erp@x.example.com", OPERATOR));
        assertThat(d.kind()).isEqualTo(UserOwnership.Kind.REFUSE);
        assertThat(d.reason()).isEqualTo(Reasons.ADOPTION_REFUSED);
        assertThat(d.message()).contains("IfUnmanaged");
    }

    @Test
    void unmanagedUserIsAdoptedOnlyWhenTheSpecSaysSo() {
        UserOwnership.Decision d = decide(AdoptionPolicy.IfUnmanaged, Optional.empty(), user("erp@x.example.com", OPERATOR));
        assertThat(d.kind()).isEqualTo(UserOwnership.Kind.ADOPT);
        assertThat(d.record().id()).isEqualTo(USER_ID);
        assertThat(d.record().created()).isFalse();
    }

    @Test
    void anotherInstallationsUserIsNeverAdopted() {
        UserOwnership.Decision d = decide(AdoptionPolicy.IfUnmanaged, Optional.empty(), user("erp@x.example.com", OPERATOR, "SFIO_Managed_green"));
        assertThat(d.kind()).isEqualTo(UserOwnership.Kind.REFUSE);
        assertThat(d.message()).contains("another installation");
    }

    @Test
    void aPendingCreateWhoseAnswerWasLostIsRecognisedByItsMarker() {
        OwnershipRecord pending = OwnershipRecord.pendingCreate(ORG, "erp@x.example.com");
        UserOwnership.Decision d = decide(AdoptionPolicy.Never, Optional.of(pending), user("erp@x.example.com", OPERATOR, US.markerPermissionSet()));
        assertThat(d.kind()).isEqualTo(UserOwnership.Kind.OWNED);
        assertThat(d.record().id()).isEqualTo(USER_ID);
        assertThat(d.record().pending()).isFalse();
        assertThat(d.record().created()).isTrue();
    }

    @Test
    void aPendingRecordWithoutTheMarkerProvesNothing() {
        OwnershipRecord pending = OwnershipRecord.pendingCreate(ORG, "erp@x.example.com");
        assertThat(decide(AdoptionPolicy.Never, Optional.of(pending), user("erp@x.example.com", OPERATOR)).kind())
                .isEqualTo(UserOwnership.Kind.REFUSE);
    }

    @Test
    void ourMarkerWithoutARecordIsNotTakenOverSilently() {
        UserOwnership.Decision d = decide(AdoptionPolicy.Never, Optional.empty(), user("erp@x.example.com", OPERATOR, US.markerPermissionSet()));
        assertThat(d.kind()).isEqualTo(UserOwnership.Kind.REFUSE);
        assertThat(d.message()).contains("no record");
    }

    @Test
    void recordedUserIsOursEvenAfterARenameInSetup() {
        OwnershipRecord owned = OwnershipRecord.pendingCreate(ORG, "erp@x.example.com").created(USER_ID);
        UserOwnership.Decision d = UserOwnership.decide("erp@x.example.com", AdoptionPolicy.Never, ORG, US, Optional.of(owned),
                user("renamed@x.example.com", OPERATOR, US.markerPermissionSet()), Optional.empty(), Optional.empty());
        assertThat(d.kind()).isEqualTo(UserOwnership.Kind.OWNED);
    }

    @Test
    void aRenameOntoAnotherResourcesUsernameStopsEverything() {
        OwnershipRecord owned = OwnershipRecord.pendingCreate(ORG, "erp@x.example.com").created(USER_ID);
        UserOwnership.Decision d = UserOwnership.decide("erp@x.example.com", AdoptionPolicy.Never, ORG, US, Optional.of(owned),
                user("crm@x.example.com", OPERATOR, US.markerPermissionSet()), Optional.of("team-b/crm"), Optional.empty());
        assertThat(d.kind()).isEqualTo(UserOwnership.Kind.REFUSE);
        assertThat(d.reason()).isEqualTo(Reasons.CONFLICT);
    }

    @Test
    void aForgedRecordPointingAtAnUnmarkedUserWithAnotherNameIsRefused() {
        OwnershipRecord forged = OwnershipRecord.pendingCreate(ORG, "erp@x.example.com").created(USER_ID);
        assertThat(UserOwnership.decide("erp@x.example.com", AdoptionPolicy.Never, ORG, US, Optional.of(forged),
                user("bystander@x.example.com", OPERATOR), Optional.empty(), Optional.empty()).kind()).isEqualTo(UserOwnership.Kind.REFUSE);
    }

    @Test
    void aUserRecordedByAnotherResourceIsNeverShared() {
        assertThat(UserOwnership.decide("erp@x.example.com", AdoptionPolicy.IfUnmanaged, ORG, US, Optional.empty(),
                user("erp@x.example.com", OPERATOR, US.markerPermissionSet()), Optional.empty(), Optional.of("team-a/erp")).reason())
                .isEqualTo(Reasons.CONFLICT);
    }

    @Test
    void aRecordFromAnotherOrgDoesNotCount() {
        OwnershipRecord elsewhere = OwnershipRecord.pendingCreate("00D5g0000000002EAA", "erp@x.example.com").created(USER_ID);
        assertThat(decide(AdoptionPolicy.Never, Optional.of(elsewhere), user("erp@x.example.com", OPERATOR, US.markerPermissionSet())).kind())
                .isEqualTo(UserOwnership.Kind.REFUSE);
    }

    @Test
    void onlyAssignmentsTheOperatorMadeAreRemoved() {
        OwnershipRecord record = OwnershipRecord.pendingCreate(ORG, "erp@x.example.com").created(USER_ID)
                .withAssignments(java.util.Set.of("0Pa5g00000000A1AAA"), java.util.Set.of());
        List<Assignment> present = List.of(
                new Assignment("0Pa5g00000000A1AAA", USER_ID, "0PS5g00000000A1AAA", "Ours"),
                new Assignment("0Pa5g00000000A2AAA", USER_ID, "0PS5g00000000A2AAA", "Persons"));
        assertThat(UserAssignments.toRemove(present, java.util.Map.of(), record)).extracting(Assignment::targetName).containsExactly("Ours");
        assertThat(UserAssignments.unmanagedNames(present, record)).containsExactly("Persons");
    }

    @Test
    void anAssignmentWhoseCreateWasInFlightBecomesOurs() {
        OwnershipRecord record = OwnershipRecord.pendingCreate(ORG, "erp@x.example.com").created(USER_ID)
                .withIntents(java.util.Set.of("0PS5g00000000A1AAA"));
        List<Assignment> present = List.of(new Assignment("0Pa5g00000000A1AAA", USER_ID, "0PS5g00000000A1AAA", "Ours"),
                new Assignment("0Pa5g00000000A2AAA", USER_ID, "0PS5g00000000A2AAA", "Persons"));
        assertThat(UserAssignments.settledIntents(present, record)).extracting(Assignment::targetName).containsExactly("Ours");
    }

    private static UserOwnership.Decision decide(AdoptionPolicy adoption, Optional<OwnershipRecord> record, UserState found) {
        return UserOwnership.decide("erp@x.example.com", adoption, ORG, US, record, found, Optional.empty(), Optional.empty());
    }

    private static UserState user(String username, String createdBy, String... permissionSets) {
        UserFields fields = new UserFields(username, "e@x.example.com", null, "Erp", "erp", "America/Los_Angeles", "en_US", "en_US", "UTF-8", "00e5g000000001");
        List<Assignment> sets = java.util.Arrays.stream(permissionSets)
                .map(n -> new Assignment("0Pa5g0000000" + Math.abs(n.hashCode() % 1000000), USER_ID, "0PS5g00000000Z1AAA", n)).toList();
        return new UserState(new SalesforceUser(USER_ID, fields, "Minimum Access - API Only Integrations", "Salesforce Integration", true, createdBy),
                null, List.of(), sets);
    }
}
