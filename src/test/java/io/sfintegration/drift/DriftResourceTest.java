package io.sfintegration.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DriftResourceTest {

    @Test
    void listsDriftAcrossNamespacesWithOrphansAndScanInfoAsJson() throws Exception {
        DriftReport report = new DriftReport();
        Instant t = Instant.parse("2026-11-29T01:00:00Z");
        report.recordScan(new DriftReport.OrgScanInfo("team-a", "acme", t, ScanOutcome.FULL, "10m", false, 4, t, ""));
        report.replaceFindings("team-a", "acme", List.of(new DriftReport.DriftedResource("IntegrationUser", "team-a", "billing",
                "acme", List.of("email: expected 'a@x.example', found 'b@x.example'"), "setup.admin@emulator.example.com",
                t.minusSeconds(60), t, DriftPolicy.Correct, true)),
                List.of(new DriftReport.Orphan(OrphanFinder.USER, "005A", "old@acme.example", "active user"),
                        new DriftReport.Orphan(OrphanFinder.PERMISSION_SET, "0PSA", "Legacy", "licensed")),
                List.of());
        report.replaceFindings("team-b", "globex", List.of(new DriftReport.DriftedResource("PermissionSet", "team-b", "sync",
                "globex", List.of("label: expected 'A', found 'B'"), null, null, t, DriftPolicy.Report, false)), List.of(), List.of());
        report.recordScan(new DriftReport.OrgScanInfo("team-b", "globex", t, ScanOutcome.THROTTLED, "20m", true, 0, null, "budget"));

        DriftResource resource = new DriftResource(report, Clock.fixed(t, ZoneOffset.UTC));
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(resource.get()));

        assertThat(json.path("driftedCount").asInt()).isEqualTo(2);
        JsonNode first = json.path("drifted").get(0);
        assertThat(first.path("namespace").asText()).isEqualTo("team-a");
        assertThat(first.path("differences").get(0).asText()).startsWith("email: expected");
        assertThat(first.path("changedBy").asText()).isEqualTo("setup.admin@emulator.example.com");
        assertThat(first.path("changedAt").asText()).isEqualTo("2026-11-29T00:59:00Z");
        assertThat(first.path("policy").asText()).isEqualTo("Correct");
        assertThat(json.path("drifted").get(1).path("kind").asText()).isEqualTo("PermissionSet");
        assertThat(json.path("orphans").get(0).path("users").get(0).path("name").asText()).isEqualTo("old@acme.example");
        assertThat(json.path("orphans").get(0).path("permissionSets").get(0).path("name").asText()).isEqualTo("Legacy");
        assertThat(json.path("orgs")).hasSize(2);
        assertThat(json.path("orgs").get(1).path("lastOutcome").asText()).isEqualTo("throttled");
        assertThat(json.path("orgs").get(1).path("effectiveInterval").asText()).isEqualTo("20m");
        assertThat(json.path("orgs").get(0).path("lastScanApiCalls").asLong()).isEqualTo(4);
    }

    @Test
    void countsPerOrgAndKindForTheGauge() {
        DriftReport report = new DriftReport();
        report.replaceFindings("ns", "o", List.of(
                new DriftReport.DriftedResource("IntegrationUser", "ns", "a", "o", List.of("x"), null, null, Instant.EPOCH, DriftPolicy.Report, false),
                new DriftReport.DriftedResource("IntegrationUser", "ns", "b", "o", List.of("x"), null, null, Instant.EPOCH, DriftPolicy.Report, false)),
                List.of(), List.of());
        assertThat(report.count("ns", "o", "IntegrationUser")).isEqualTo(2);
        assertThat(report.count("ns", "o", "PermissionSet")).isZero();
        report.forget("ns", "o");
        assertThat(report.drifted()).isEmpty();
    }
}
