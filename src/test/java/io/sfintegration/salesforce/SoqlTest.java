package io.sfintegration.salesforce;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoqlTest {

    @Test
    void quotesAndEscapesEverySpecialCharacter() {
        assertThat(Soql.quote("a' OR Name != '")).isEqualTo("'a\\' OR Name != \\''");
        assertThat(Soql.quote("back\\slash")).isEqualTo("'back\\\\slash'");
        assertThat(Soql.quote("q\"\n\r\t\b\f")).isEqualTo("'q\\\"\\n\\r\\t\\b\\f'");
        assertThat(Soql.quote("50%_off")).isEqualTo("'50%_off'");
    }

    @Test
    void likePatternsTakeWildcardsLiterally() {
        assertThat(Soql.likePattern("50%_off'")).isEqualTo("'50\\%\\_off\\''");
        assertThat(Soql.likePrefix("a_b")).isEqualTo("'a\\_b%'");
    }

    @Test
    void inListsAreQuotedAndNeverEmpty() {
        assertThat(Soql.inList(List.of("a", "b'c"))).isEqualTo("('a','b\\'c')");
        assertThatThrownBy(() -> Soql.inList(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsAreValidatedAndExtended() {
        assertThat(Soql.isId("001D000000IqhSL")).isTrue();
        assertThat(Soql.isId("001D000000IqhSLIAZ")).isTrue();
        assertThat(Soql.isId("001D000000IqhS'")).isFalse();
        assertThat(Soql.isId("0' OR Id != '0000")).isFalse();
        assertThat(Soql.id18("001D000000IqhSL")).isEqualTo("001D000000IqhSLIAZ");
        assertThat(Soql.sameId("001D000000IqhSL", "001D000000IqhSLIAZ")).isTrue();
        // the 15-character form is case-sensitive: these are two records
        assertThat(Soql.sameId("001D000000IqhSL", "001D000000IQHSL")).isFalse();
        assertThat(Soql.sameId(null, null)).as("absent is no record").isFalse();
        assertThat(Soql.sameId("001D000000IqhSL", null)).isFalse();
        assertThat(Soql.sameIdOrBothAbsent(null, null)).isTrue();
        assertThat(Soql.sameIdOrBothAbsent("00eD000000IqhSLIAZ", null)).isFalse();
        assertThat(Soql.sameIdOrBothAbsent("00eD000000IqhSL", "00eD000000IqhSLIAZ")).isTrue();
        assertThat(Soql.idKey("001D000000IqhSLIAZ")).isEqualTo(Soql.idKey("001D000000IqhSL")).isEqualTo("001D000000IqhSL");
        assertThatThrownBy(() -> Soql.id("x' OR '1'='1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateTimesAreSoqlLiterals() {
        assertThat(Soql.dateTime(Instant.parse("2026-01-02T03:04:05.678Z"))).isEqualTo("2026-01-02T03:04:05Z");
    }
}
