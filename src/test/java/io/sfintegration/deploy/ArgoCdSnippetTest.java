package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped argocd-cm snippet is exactly what its sources (Lua files, CRD schema defaults) give. */
class ArgoCdSnippetTest {

    @Test
    void snippetIsUpToDateWithItsSources() throws IOException {
        String expected = ArgoCdSnippet.render();
        String shipped = ChartFiles.read(ArgoCdSnippet.SNIPPET);
        if (!expected.equals(shipped)) {
            Path fresh = ChartFiles.PROJECT.resolve("target/argocd-cm-snippet.yaml");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected);
        }
        assertThat(shipped).as("stale: copy target/argocd-cm-snippet.yaml to " + ArgoCdSnippet.SNIPPET).isEqualTo(expected);
    }

    @Test
    void snippetParsesToTheKeysArgoCdReads() {
        JsonNode snippet = ChartFiles.readYaml(ArgoCdSnippet.SNIPPET);
        assertThat(snippet.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(snippet.at("/metadata/name").asText()).isEqualTo("argocd-cm");
        List<String> expectedKeys = new ArrayList<>();
        for (String kind : ArgoCdSnippet.KINDS) {
            expectedKeys.add("resource.customizations.health.sfintegration.io_" + kind);
            expectedKeys.add("resource.customizations.ignoreDifferences.sfintegration.io_" + kind);
        }
        ArgoCdSnippet.ACTIONS.keySet().forEach(kind -> expectedKeys.add("resource.customizations.actions.sfintegration.io_" + kind));
        List<String> keys = new ArrayList<>();
        snippet.path("data").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expectedKeys);

        for (String kind : ArgoCdSnippet.KINDS) {
            assertThat(snippet.path("data").path("resource.customizations.health.sfintegration.io_" + kind).asText())
                    .isEqualTo(ArgoCdSnippet.healthScript());
        }
        ArgoCdSnippet.ACTIONS.forEach((kind, names) -> {
            JsonNode actions = ChartFiles.documents(
                    snippet.path("data").path("resource.customizations.actions.sfintegration.io_" + kind).asText()).get(0);
            assertThat(actions.path("discovery.lua").asText()).isEqualTo(ArgoCdSnippet.discoveryScript(kind));
            List<String> defined = new ArrayList<>();
            for (JsonNode definition : actions.path("definitions")) {
                defined.add(definition.path("name").asText());
                assertThat(definition.path("action.lua").asText()).isEqualTo(ArgoCdSnippet.actionScript(definition.path("name").asText()));
            }
            assertThat(defined).containsExactlyElementsOf(names);
        });
    }
}
