package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped ignoreDifferences against Argo CD's false OutOfSync: for every example and a table of minimal
 * manifests, the object as the API server stores it (schema defaults filled in) and the manifest from Git are equal
 * after normalization, and a real change is still a difference.
 */
class ArgoDiffNormalizationTest {

    private static final Path EXAMPLES = ChartFiles.PROJECT.resolve("deploy/examples");

    /** Minimal manifests as people write them: only required fields, or a few defaults spelled out. */
    private static final List<String> MINIMAL = List.of("""
            apiVersion: sfintegration.io/v1alpha1
            kind: SalesforceOrg
            metadata: {name: bare, namespace: team-a}
            spec:
              instanceUrl: https://acme.my.salesforce.com
              auth: {clientCredentials: {clientIdSecretRef: {name: sf, key: id}, clientSecretSecretRef: {name: sf, key: secret}}}
            """, """
            apiVersion: sfintegration.io/v1alpha1
            kind: SalesforceOrg
            metadata: {name: prod, namespace: team-a}
            spec:
              instanceUrl: https://acme.my.salesforce.com
              auth: {clientCredentials: {clientIdSecretRef: {name: sf, key: id}, clientSecretSecretRef: {name: sf, key: secret}}}
              apiBudget: {}
              drift: {interval: 30m}
            """, """
            apiVersion: sfintegration.io/v1alpha1
            kind: PermissionSet
            metadata: {name: reader, namespace: team-a}
            spec:
              orgRef: {name: prod}
              name: Reader
              label: Reader
              objectPermissions:
                - object: Account
                  read: true
              fieldPermissions:
                - field: Account.Phone
                  read: true
            """, """
            apiVersion: sfintegration.io/v1alpha1
            kind: PermissionSet
            metadata: {name: empty, namespace: team-a}
            spec:
              orgRef: {name: prod}
              name: Empty
              label: Empty
            """, """
            apiVersion: sfintegration.io/v1alpha1
            kind: IntegrationUser
            metadata: {name: orders, namespace: team-a}
            spec:
              orgRef: {name: prod}
              username: orders@acme.example.com
              email: team@acme.example.com
              lastName: Orders
            """, """
            apiVersion: sfintegration.io/v1alpha1
            kind: IntegrationUser
            metadata: {name: orders, namespace: team-a}
            spec:
              orgRef: {name: prod}
              username: orders@acme.example.com
              email: team@acme.example.com
              lastName: Orders
              active: true
              frozen: false
              timeZone: America/Los_Angeles
            """);

    static Stream<Arguments> manifests() {
        List<Arguments> out = new ArrayList<>();
        for (Path example : ChartFiles.crdFiles(EXAMPLES)) {
            out.add(Arguments.of(example.getFileName().toString(), ChartFiles.readYaml(example)));
        }
        for (int i = 0; i < MINIMAL.size(); i++) {
            JsonNode manifest = ChartFiles.documents(MINIMAL.get(i)).get(0);
            out.add(Arguments.of("minimal " + manifest.path("kind").asText() + " #" + i, manifest));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void storedObjectAndGitManifestDoNotDiffer(String name, JsonNode gitManifest) {
        JsonNode stored = stored(gitManifest);
        JsonNode schema = ArgoCdSnippet.crd(gitManifest.path("kind").asText()).at("/spec/versions/0/schema/openAPIV3Schema");
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema).validate(stored))
                .as("%s is a valid resource", name).isEmpty();
        ArgoDiffNormalizer normalizer = normalizer(gitManifest);
        assertThat(normalizer.normalize(stored).path("spec"))
                .as("%s: normalized stored spec equals normalized Git spec", name)
                .isEqualTo(normalizer.normalize(gitManifest).path("spec"));
    }

    @Test
    void withoutNormalizationTheMinimalManifestsWouldDiffer() {
        // the table above is only meaningful if the API server changes what people write; "bare" and "empty" have no
        // defaulted field (schema defaults apply only inside objects that are present)
        for (String yaml : MINIMAL) {
            JsonNode manifest = ChartFiles.documents(yaml).get(0);
            if (!List.of("bare", "empty").contains(manifest.path("metadata").path("name").asText())) {
                assertThat(stored(manifest).path("spec")).as(yaml).isNotEqualTo(manifest.path("spec"));
            }
        }
    }

    record Change(String description, String example, Consumer<ObjectNode> edit) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Change> realChanges() {
        return Stream.of(
                new Change("active: false", "21-integrationuser-helpdesk.yaml", spec -> spec.put("active", false)),
                new Change("frozen: true", "21-integrationuser-helpdesk.yaml", spec -> spec.put("frozen", true)),
                new Change("deletionPolicy: Orphan", "20-integrationuser-erp.yaml", spec -> spec.put("deletionPolicy", "Orphan")),
                new Change("adoption: IfUnmanaged", "21-integrationuser-helpdesk.yaml", spec -> spec.put("adoption", "IfUnmanaged")),
                new Change("managementPolicy: Observe", "21-integrationuser-helpdesk.yaml", spec -> spec.put("managementPolicy", "Observe")),
                new Change("timeZone back to the default", "20-integrationuser-erp.yaml", spec -> spec.remove("timeZone")),
                new Change("a new object permission", "11-permissionset-case-writer.yaml", spec ->
                        spec.withArray("objectPermissions").addObject().put("object", "Contact").put("read", true)),
                new Change("an object permission's edit: true", "10-permissionset-account-reader.yaml", spec ->
                        ((ObjectNode) spec.withArray("objectPermissions").get(0)).put("edit", true)),
                new Change("a field permission's edit: true", "10-permissionset-account-reader.yaml", spec ->
                        ((ObjectNode) spec.withArray("fieldPermissions").get(0)).put("edit", true)),
                new Change("license: None", "11-permissionset-case-writer.yaml", spec -> spec.put("license", "None")),
                new Change("deletionPolicy: Orphan", "11-permissionset-case-writer.yaml", spec -> spec.put("deletionPolicy", "Orphan")),
                new Change("drift policy Report", "00-salesforce-org.yaml", spec -> ((ObjectNode) spec.get("drift")).put("policy", "Report")),
                new Change("drift restoreAccess true", "00-salesforce-org.yaml", spec -> ((ObjectNode) spec.get("drift")).put("restoreAccess", true)),
                new Change("apiBudget 20", "00-salesforce-org.yaml", spec -> ((ObjectNode) spec.get("apiBudget")).put("maxDailyPercent", 20)),
                new Change("apiVersion 61.0", "00-salesforce-org.yaml", spec -> spec.put("apiVersion", "61.0")));
    }

    /** Git changes, the cluster still holds the object stored from the previous commit: the diff must show it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("realChanges")
    void aRealChangeInGitIsStillADifference(Change change) {
        JsonNode before = ChartFiles.readYaml(EXAMPLES.resolve(change.example()));
        ObjectNode after = before.deepCopy();
        change.edit().accept((ObjectNode) after.get("spec"));
        ArgoDiffNormalizer normalizer = normalizer(before);
        assertThat(normalizer.normalize(stored(before)).path("spec"))
                .isNotEqualTo(normalizer.normalize(after).path("spec"));
    }

    /** Someone changes the live object (kubectl edit, an Argo CD action) away from a default Git leaves out. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("realChanges")
    void aLiveChangeAwayFromTheGitValueIsStillADifference(Change change) {
        JsonNode git = ChartFiles.readYaml(EXAMPLES.resolve(change.example()));
        ObjectNode live = (ObjectNode) stored(git);
        change.edit().accept((ObjectNode) live.get("spec"));
        live = (ObjectNode) stored(live);
        ArgoDiffNormalizer normalizer = normalizer(git);
        assertThat(normalizer.normalize(live).path("spec")).isNotEqualTo(normalizer.normalize(git).path("spec"));
    }

    @Test
    void operatorSideDefaultsAreNotInTheSchema() {
        // applied by the operator and shown in status (status.apiVersion, status.effectiveDriftInterval)
        JsonNode org = ArgoCdSnippet.crd("SalesforceOrg").at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        assertThat(org.path("apiVersion").has("default")).isFalse();
        assertThat(org.at("/drift/properties/interval").has("default")).isFalse();
    }

    @Test
    void everySchemaDefaultIsCoveredOnce() {
        int total = 0;
        for (String kind : ArgoCdSnippet.KINDS) {
            total += shippedExpressions(kind).size();
            assertThat(shippedExpressions(kind)).as(kind).containsExactlyElementsOf(ArgoCdSnippet.ignoreDifferences(kind));
        }
        // 23 schema defaults in the first release; apiVersion and drift.interval moved to the operator;
        // PermissionSet spec.adoption (Never) added with the ownership rules; managementPolicy (Manage) on both kinds and
        // IntegrationUser unusedAfter (90d) with issue 20; SalesforceOrg drift.restoreAccess (false) with issue 16;
        // orgRef.kind (SalesforceOrg) on PermissionSet and IntegrationUser and ClusterSalesforceOrg's three (those of
        // SalesforceOrg) with issue 16's cluster kind; PermissionSetGroup's managementPolicy, adoption, deletionPolicy
        // and orgRef.kind with issue 19
        assertThat(total).isEqualTo(35);
    }

    private static JsonNode stored(JsonNode manifest) {
        return SchemaDefaults.apply(ArgoCdSnippet.crd(manifest.path("kind").asText()), manifest);
    }

    private static ArgoDiffNormalizer normalizer(JsonNode manifest) {
        return new ArgoDiffNormalizer(shippedExpressions(manifest.path("kind").asText()));
    }

    /** The jqPathExpressions of the shipped snippet for one kind. */
    static List<String> shippedExpressions(String kind) {
        JsonNode snippet = ChartFiles.readYaml(ArgoCdSnippet.SNIPPET);
        String key = "resource.customizations.ignoreDifferences." + ArgoCdSnippet.GROUP + "_" + kind;
        JsonNode value = ChartFiles.documents(snippet.path("data").path(key).asText()).get(0);
        List<String> out = new ArrayList<>();
        value.path("jqPathExpressions").forEach(e -> out.add(e.asText()));
        return out;
    }
}
