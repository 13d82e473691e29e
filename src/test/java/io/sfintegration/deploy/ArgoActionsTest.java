package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Argo CD resource actions shipped with the chart, run with LuaJ: discovery offers only what makes sense. */
class ArgoActionsTest {

    private static final Path EXAMPLES = ChartFiles.PROJECT.resolve("deploy/examples");
    private static final String ANNOTATION = "sfintegration.io/rescan-drift";

    private final String userDiscovery = ArgoCdSnippet.discoveryScript("IntegrationUser");
    private final String orgDiscovery = ArgoCdSnippet.discoveryScript("SalesforceOrg");

    @Test
    void aNewUserCanBeFrozenAndDeactivatedButNotYetRescanned() {
        JsonNode user = example("21-integrationuser-helpdesk.yaml");
        assertThat(ArgoActionLua.discover(userDiscovery, user)).isEqualTo(Map.of(
                "freeze", true, "unfreeze", false, "deactivate", true, "activate", false, "rescan-drift", false));
    }

    @Test
    void aCreatedUserCanBeRescannedOnceAtATime() {
        ObjectNode user = created(example("20-integrationuser-erp.yaml"));
        assertThat(ArgoActionLua.discover(userDiscovery, user)).containsEntry("rescan-drift", true);
        ((ObjectNode) user.get("metadata")).putObject("annotations").put(ANNOTATION, "20261202T080000Z");
        assertThat(ArgoActionLua.discover(userDiscovery, user)).containsEntry("rescan-drift", false);
    }

    @ParameterizedTest(name = "active={0} frozen={1}")
    @CsvSource({
            "true,  false, freeze,   deactivate",
            "true,  true,  unfreeze, deactivate",
            "false, false, freeze,   activate",
            "false, true,  unfreeze, activate"
    })
    void offersTheOppositeOfTheCurrentState(boolean active, boolean frozen, String freezeAction, String activeAction) {
        ObjectNode user = created(example("20-integrationuser-erp.yaml"));
        ((ObjectNode) user.get("spec")).put("active", active).put("frozen", frozen);
        Map<String, Boolean> offered = ArgoActionLua.discover(userDiscovery, user);
        assertThat(offered).containsEntry(freezeAction, true).containsEntry(activeAction, true)
                .containsEntry(freezeAction.equals("freeze") ? "unfreeze" : "freeze", false)
                .containsEntry(activeAction.equals("activate") ? "deactivate" : "activate", false);
    }

    @Test
    void nothingIsOfferedWhileAUserIsBeingDeleted() {
        ObjectNode user = created(example("20-integrationuser-erp.yaml"));
        ((ObjectNode) user.get("metadata")).put("deletionTimestamp", "2026-12-02T08:00:00Z");
        assertThat(ArgoActionLua.discover(userDiscovery, user).values()).containsOnly(false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "freeze,     frozen, true",
            "unfreeze,   frozen, false",
            "deactivate, active, false",
            "activate,   active, true"
    })
    void anActionSetsOneSpecFieldAndNothingElse(String action, String field, boolean value) {
        ObjectNode user = created(example("20-integrationuser-erp.yaml"));
        JsonNode result = ArgoActionLua.act(ArgoCdSnippet.actionScript(action), user);
        ObjectNode expected = ArgoActionLua.fromLua(ArgoHealthLua.toLua(user)).deepCopy();
        ((ObjectNode) expected.get("spec")).put(field, value);
        assertThat(result).isEqualTo(expected);
    }

    @Test
    void rescanDriftAddsATimestampAnnotationAndKeepsTheOthers() {
        ObjectNode user = created(example("20-integrationuser-erp.yaml"));
        ((ObjectNode) user.get("metadata")).putObject("annotations").put("app.kubernetes.io/instance", "salesforce");
        JsonNode result = ArgoActionLua.act(ArgoCdSnippet.actionScript("rescan-drift"), user);
        JsonNode annotations = result.at("/metadata/annotations");
        assertThat(annotations.path("app.kubernetes.io/instance").asText()).isEqualTo("salesforce");
        assertThat(annotations.path(ANNOTATION).asText()).matches("\\d{8}T\\d{6}Z");
        assertThat(result.path("spec")).isEqualTo(ArgoActionLua.fromLua(ArgoHealthLua.toLua(user.get("spec"))));

        JsonNode org = ArgoActionLua.act(ArgoCdSnippet.actionScript("rescan-drift"), example("00-salesforce-org.yaml"));
        assertThat(org.at("/metadata/annotations").path(ANNOTATION).asText()).isNotEmpty();
    }

    @Test
    void anOrgCanBeRescannedWhenReadyAndNotAlreadyAsked() {
        ObjectNode org = example("00-salesforce-org.yaml");
        assertThat(ArgoActionLua.discover(orgDiscovery, org)).isEqualTo(Map.of("rescan-drift", false));
        org.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        assertThat(ArgoActionLua.discover(orgDiscovery, org)).isEqualTo(Map.of("rescan-drift", true));
        ((ObjectNode) org.get("metadata")).putObject("annotations").put(ANNOTATION, "20261202T080000Z");
        assertThat(ArgoActionLua.discover(orgDiscovery, org)).isEqualTo(Map.of("rescan-drift", false));
        ((ObjectNode) org.get("metadata")).remove("annotations");
        ((ObjectNode) org.get("status").get("conditions").get(0)).put("status", "False");
        assertThat(ArgoActionLua.discover(orgDiscovery, org)).isEqualTo(Map.of("rescan-drift", false));
    }

    private static ObjectNode example(String file) {
        return (ObjectNode) ChartFiles.readYaml(EXAMPLES.resolve(file));
    }

    private static ObjectNode created(ObjectNode user) {
        user.putObject("status").put("userId", "005000000000001AAA");
        return user;
    }
}
