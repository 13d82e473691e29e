package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfintegration.controller.status.Reasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health check's reason tables against the reasons the code can emit, so a new reason cannot be forgotten and
 * the check lists nothing the operator never says. "Can emit" is read from the main sources: every
 * {@code Reasons.X} they use and every reason literal given to {@code CredentialsException}.
 */
class ArgoHealthReasonsTest {

    /** Reasons the code only puts on Ready=True, Synced, Drifted or Events, never on Ready=False. */
    private static final Set<String> NEVER_ON_READY_FALSE = Set.of(
            Reasons.AVAILABLE, Reasons.RECONCILE_SUCCESS, Reasons.RECONCILE_ERROR,
            Reasons.NO_DRIFT, Reasons.DRIFT_DETECTED, Reasons.DRIFT_CORRECTED, Reasons.ACCESS_REMOVED_IN_SALESFORCE, Reasons.OBSERVED, Reasons.CHANGES_PLANNED,
            Reasons.NO_CHANGES, Reasons.NOT_LOGGED_IN_RECENTLY, Reasons.LOGGED_IN_RECENTLY);

    /**
     * Reasons the lead is adding on main in parallel (mapped here now so the merge is clean); once main emits them the
     * source scan finds them and this set can go.
     */
    private static final Set<String> ANNOUNCED = Set.of(
            Reasons.IN_USE, Reasons.ORG_IDENTITY_CHANGED, Reasons.RETIREMENT_PENDING, Reasons.OUTCOME_UNKNOWN);

    private static final Path MAIN_SOURCES = ChartFiles.PROJECT.resolve("src/main/java");
    private static final Pattern REASON_CONSTANT = Pattern.compile("\\bReasons\\.([A-Z][A-Z_]*)\\b");
    private static final Pattern CREDENTIALS_REASON = Pattern.compile("new CredentialsException\\(\\s*\"([A-Za-z]+)\"");
    private static final String UNKNOWN_MARK = "(reason not known to this health check)";

    private final String script = ChartFiles.read(ChartFiles.CHART.resolve("argocd/health.lua"));
    private final ArgoHealthLua health = new ArgoHealthLua(script);

    @Test
    void everyReasonTheCodeCanPutOnReadyFalseHasADeliberateHealth() {
        Set<String> expected = new TreeSet<>(emittedReasons());
        expected.removeAll(NEVER_ON_READY_FALSE);
        expected.addAll(ANNOUNCED);
        for (String reason : expected) {
            var result = health.evaluate(notReady(reason));
            assertThat(result.status()).as(reason).isIn("Progressing", "Degraded");
            assertThat(result.message()).as(reason + " is listed in a table of health.lua").doesNotContain(UNKNOWN_MARK);
        }
        Set<String> listed = new TreeSet<>(luaTable("progressing"));
        listed.addAll(luaTable("degraded"));
        assertThat(listed).as("health.lua lists exactly the reasons the code can put on Ready=False")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void theTwoTablesDoNotOverlapAndNameOnlyReasonConstants() {
        Set<String> progressing = luaTable("progressing");
        Set<String> degraded = luaTable("degraded");
        assertThat(progressing).doesNotContainAnyElementsOf(degraded);
        assertThat(reasonConstants().values()).containsAll(progressing).containsAll(degraded);
    }

    @Test
    void reasonsGivenAsLiteralsAreReasonConstants() {
        // the salesforce package names credential reasons as strings; they must still be the constants' values
        assertThat(reasonConstants().values()).containsAll(credentialLiterals());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "LicenseLimitExceeded, Progressing", // waiting for a seat
            "OrgNotReady, Progressing",
            "PermissionSetNotReady, Progressing",
            "WaitingForUnassignment, Progressing",
            "InUse, Progressing", // an org waiting for its users to go
            "RetirementPending, Progressing",
            "OutcomeUnknown, Progressing",
            "Conflict, Degraded",
            "AdoptionRefused, Degraded",
            "OrgIdentityChanged, Degraded",
            "AuthenticationFailed, Degraded",
            "InvalidSpec, Degraded",
            "SomethingNew, Degraded"
    })
    void mapsReasonsOnPurpose(String reason, String status) {
        var result = health.evaluate(notReady(reason));
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.message()).startsWith(reason + ": why");
    }

    @Test
    void anUnknownReasonSaysSo() {
        assertThat(health.evaluate(notReady("SomethingNew")).message()).endsWith(UNKNOWN_MARK);
        assertThat(health.evaluate(notReady(Reasons.CONFLICT)).message()).isEqualTo("Conflict: why");
    }

    private static JsonNode notReady(String reason) {
        var mapper = new ObjectMapper();
        var resource = mapper.createObjectNode();
        resource.put("kind", "IntegrationUser");
        resource.putObject("metadata").put("name", "u").put("generation", 3);
        var condition = resource.putObject("status").put("observedGeneration", 3).putArray("conditions").addObject();
        condition.put("type", "Ready").put("status", "False").put("reason", reason).put("message", "why")
                .put("observedGeneration", 3);
        return resource;
    }

    /** The keys of {@code local <name> = { ... }} in health.lua. */
    private Set<String> luaTable(String name) {
        Matcher table = Pattern.compile("local " + name + " = \\{([^}]*)}").matcher(script);
        assertThat(table.find()).as("health.lua defines table " + name).isTrue();
        Set<String> keys = new TreeSet<>();
        Matcher key = Pattern.compile("([A-Za-z]+) = true").matcher(table.group(1));
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    static Map<String, String> reasonConstants() {
        Map<String, String> constants = new LinkedHashMap<>();
        for (Field f : Reasons.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    constants.put(f.getName(), (String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return constants;
    }

    /** Values of every reason the main code refers to. */
    static Set<String> emittedReasons() {
        Map<String, String> constants = reasonConstants();
        Set<String> out = new TreeSet<>(credentialLiterals());
        for (String source : mainSources()) {
            Matcher m = REASON_CONSTANT.matcher(source);
            while (m.find()) {
                assertThat(constants).as("Reasons." + m.group(1)).containsKey(m.group(1));
                out.add(constants.get(m.group(1)));
            }
        }
        return out;
    }

    private static Set<String> credentialLiterals() {
        Set<String> out = new TreeSet<>();
        for (String source : mainSources()) {
            Matcher m = CREDENTIALS_REASON.matcher(source);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        assertThat(out).as("the scan still finds the credential reasons").contains("SecretNotFound", "InvalidCredentials");
        return out;
    }

    private static java.util.List<String> mainSources() {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("controller/status/Reasons.java")))
                    .map(ChartFiles::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
