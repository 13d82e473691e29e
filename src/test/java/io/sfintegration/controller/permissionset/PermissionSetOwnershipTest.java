package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipDecision;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ownership decision for permission sets, and the description tag that marks them. */
class PermissionSetOwnershipTest {

    static final String ORG = "00D5g0000000001EAA";
    static final Installation US = new Installation("blue");
    static final String ID = "0PS5g00000000ABAAY";

    @Test
    void aHandMadeSetIsRefusedByDefaultAndAdoptedOnlyOnRequest() {
        OwnershipDecision.Decision never = decide(AdoptionPolicy.Never, Optional.empty(), set("made in Setup"));
        assertThat(never.kind()).isEqualTo(OwnershipDecision.Kind.REFUSE);
        assertThat(never.reason()).isEqualTo(Reasons.ADOPTION_REFUSED);
        assertThat(never.message()).contains("neither changed nor deleted");
        OwnershipDecision.Decision adopt = decide(AdoptionPolicy.IfUnmanaged, Optional.empty(), set("made in Setup"));
        assertThat(adopt.kind()).isEqualTo(OwnershipDecision.Kind.ADOPT);
        assertThat(adopt.record().created()).as("an adopted set is never deleted").isFalse();
    }

    @Test
    void anotherInstallationsSetIsNeverAdopted() {
        assertThat(decide(AdoptionPolicy.IfUnmanaged, Optional.empty(), set("reports [sfio:green]")).message()).contains("green");
    }

    @Test
    void aLostCreateIsRecognisedByTheTagAndThePendingRecord() {
        OwnershipDecision.Decision d = decide(AdoptionPolicy.Never, Optional.of(OwnershipRecord.pendingCreate(ORG, "Reports")),
                set("reports [sfio:blue]"));
        assertThat(d.kind()).isEqualTo(OwnershipDecision.Kind.OWNED);
        assertThat(d.record().created()).isTrue();
        assertThat(d.record().id()).isEqualTo(ID);
    }

    @Test
    void aSetReplacedInSetupIsNotTakenForTheRecordedOne() {
        OwnershipRecord owned = OwnershipRecord.pendingCreate(ORG, "Reports").created("0PS5g00000000XYAAY");
        assertThat(decide(AdoptionPolicy.IfUnmanaged, Optional.of(owned), set("reports")).kind()).isEqualTo(OwnershipDecision.Kind.REFUSE);
    }

    @Test
    void noSetMeansCreate() {
        assertThat(decide(AdoptionPolicy.Never, Optional.empty(), null).kind()).isEqualTo(OwnershipDecision.Kind.CREATE);
    }

    @Test
    void theTagEndsTheDescriptionWithinSalesforcesLimit() {
        assertThat(US.tagged("Reports for finance", 255)).isEqualTo("Reports for finance [sfio:blue]");
        assertThat(US.tagged("", 255)).isEqualTo("[sfio:blue]");
        assertThat(US.tagged("x".repeat(255), 255)).hasSize(255).endsWith(" [sfio:blue]");
        assertThat(Installation.untagged("Reports for finance [sfio:blue]")).isEqualTo("Reports for finance");
        assertThat(Installation.tagOwner("Reports [sfio:green]")).isEqualTo("green");
        assertThat(Installation.tagOwner("Reports [sfio is great]")).isNull();
        assertThat(US.isForeignMarker("SFIO_Managed_green")).isTrue();
        assertThat(US.isForeignMarker("sfio_managed_BLUE")).isFalse();
    }

    private static OwnershipDecision.Decision decide(AdoptionPolicy adoption, Optional<OwnershipRecord> record, PermissionSetState found) {
        return PermissionSetOwnership.decide("Reports", adoption, ORG, US, record, found, Optional.empty());
    }

    private static PermissionSetState set(String description) {
        return new PermissionSetState(ID, new PermissionSetFields("Reports", "Reports", description, null, Set.of()), false, List.of(), List.of());
    }
}
