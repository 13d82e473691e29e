package io.sfintegration.salesforce.http;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.ProvisioningResult;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserProvisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Drives the client against a fresh emulator for {@code ClientBatchingBenchmark}. */
public final class ClientBenchmarkSupport {

    public record Run(String mode, long lookupCalls, long createCalls, long wallMillis, int failures) {
        public long total() {
            return lookupCalls + createCalls;
        }

        public String json() {
            return "{\"lookupCalls\":" + lookupCalls + ",\"createCalls\":" + createCalls + ",\"totalCalls\":" + total()
                    + ",\"wallMillis\":" + wallMillis + ",\"failures\":" + failures + "}";
        }
    }

    private ClientBenchmarkSupport() {
    }

    public static Run run(KubernetesClient kubernetes, MeterRegistry meters, int users, boolean batched) {
        EmulatorAccess emulator = EmulatorAccess.start(null, 2 * users);
        try {
            TestOrgs.secret(kubernetes, "bench", Map.of("token", emulator.accessToken()));
            ResilienceSettings settings = ResilienceSettings.defaults().withRateLimit(100_000, 100_000, Duration.ofSeconds(1));
            SalesforceClient client = new SalesforceClientProvider(kubernetes, meters, settings, TrustedUrls.withExtra(List.of(emulator.baseUrl())))
                    .forOrg(TestOrgs.org("bench-" + (batched ? "batched" : "single"), emulator.baseUrl(),
                            TestOrgs.staticToken("bench"), 100));
            OrgSnapshot org = client.describeOrg(List.of("Salesforce API Integration"), List.of("Minimum Access - API Only Integrations"));
            String profile = org.profile("Minimum Access - API Only Integrations").orElseThrow().id();
            String psl = org.license(LicenseKind.PERMISSION_SET, "Salesforce API Integration").orElseThrow().id();
            String ps1 = client.createPermissionSet(new PermissionSetFields("Bench_A", "Bench A", null, psl, Set.of("ApiEnabled")), List.of(), List.of()).orThrow().id();
            String ps2 = client.createPermissionSet(new PermissionSetFields("Bench_B", "Bench B", null, psl, Set.of()), List.of(), List.of()).orThrow().id();

            List<UserProvisioning> wanted = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                wanted.add(new UserProvisioning(new UserFields("bench." + i + "@example.com", "bench@example.com", null, "Bench " + i,
                        "b" + i % 1000, "America/Los_Angeles", "en_US", "en_US", "UTF-8", profile), true, false,
                        List.of(psl), List.of(ps1, ps2)));
            }
            long start = System.nanoTime();
            long before = emulator.apiCalls();
            int failures = 0;
            long lookup;
            if (batched) {
                failures += client.findUsersByUsername(wanted.stream().map(u -> u.user().username()).toList()).size();
                lookup = emulator.apiCalls() - before;
                for (ProvisioningResult r : client.provisionUsers(wanted)) {
                    failures += failures(r);
                }
            } else {
                for (UserProvisioning u : wanted) {
                    failures += client.findUsersByUsername(List.of(u.user().username())).size();
                }
                lookup = emulator.apiCalls() - before;
                for (UserProvisioning u : wanted) {
                    ProvisioningResult created = client.provisionUsers(List.of(
                            new UserProvisioning(u.user(), true, false, List.of(), List.of()))).get(0);
                    if (!created.user().success()) {
                        failures++;
                        continue;
                    }
                    String id = created.user().id();
                    failures += count(client.assignPermissionSetLicenses(List.of(new NewAssignment(id, psl))));
                    for (String ps : u.permissionSetIds()) {
                        failures += count(client.assignPermissionSets(List.of(new NewAssignment(id, ps))));
                    }
                }
            }
            long create = emulator.apiCalls() - before - lookup;
            return new Run(batched ? "batched" : "one-at-a-time", lookup, create, (System.nanoTime() - start) / 1_000_000, failures);
        } finally {
            emulator.close();
        }
    }

    private static int failures(ProvisioningResult r) {
        int n = r.user().success() ? 0 : 1;
        n += count(r.permissionSetLicenseAssignments());
        n += count(r.permissionSetAssignments());
        return n;
    }

    private static int count(List<SaveResult> results) {
        return (int) results.stream().filter(s -> !s.success()).count();
    }
}
