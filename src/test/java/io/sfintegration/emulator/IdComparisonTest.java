package io.sfintegration.emulator;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The id comparison the org rules run over whole tables: fast, and still exact about 15/18-character forms. */
class IdComparisonTest {

    private final IdGenerator ids = new IdGenerator("8c");

    @Test
    void theFifteenAndEighteenCharacterFormsOfOneIdAreTheSameId() {
        String id18 = ids.next("005");
        assertThat(OrgRules.sameId(id18, id18.substring(0, 15))).isTrue();
        assertThat(OrgRules.sameId(id18.substring(0, 15), id18)).isTrue();
        assertThat(OrgRules.sameId(id18, id18.substring(0, 15) + id18.substring(15).toLowerCase(Locale.ROOT))).isTrue();
    }

    @Test
    void differentRecordsAreNotTheSameId() {
        String a = ids.next("005");
        String b = ids.next("005");
        assertThat(OrgRules.sameId(a, b)).isFalse();
        assertThat(OrgRules.sameId(a.substring(0, 15), b)).isFalse();
        // ids are case-sensitive in their first 15 characters
        assertThat(OrgRules.sameId(a, a.toLowerCase(Locale.ROOT))).isFalse();
    }

    @Test
    void textsThatAreNotIdsAreNeverTheSameId() {
        String id = ids.next("005");
        String wrongChecksum = id.substring(0, 15) + (id.charAt(15) == 'A' ? "BAA" : "AAA");
        assertThat(IdGenerator.key(wrongChecksum)).isNull();
        assertThat(OrgRules.sameId(id, wrongChecksum)).isFalse();
        assertThat(OrgRules.sameId(wrongChecksum, wrongChecksum)).isFalse();
        assertThat(OrgRules.sameId("not an id", "not an id")).isFalse();
        assertThat(OrgRules.sameId("abc", "xyz")).isFalse();
        assertThat(OrgRules.sameId(null, id)).isFalse();
    }

    @Test
    void keyKeepsItsMeaning() {
        String id18 = ids.next("0PS");
        assertThat(IdGenerator.key(id18)).isEqualTo(id18.substring(0, 15));
        assertThat(IdGenerator.key(id18.substring(0, 15))).isEqualTo(id18.substring(0, 15));
        assertThat(IdGenerator.to18(id18.substring(0, 15))).isEqualTo(id18);
        assertThat(IdGenerator.key("0PS-" + id18.substring(4))).isNull();
    }
}
