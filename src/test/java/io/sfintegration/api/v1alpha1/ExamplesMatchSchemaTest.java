package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mock API server does not enforce CRD schemas, so the samples users copy are validated here against the
 * generated openAPIV3Schema, and known-bad specs are shown to be rejected by it.
 */
class ExamplesMatchSchemaTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();

    @BeforeAll
    static void loadSchemas() throws IOException {
        for (Path crd : GeneratedCrdsTest.list(GeneratedCrdsTest.GENERATED)) {
            JsonNode doc = YAML.readTree(crd.toFile());
            String kind = doc.at("/spec/names/kind").asText();
            JsonNode schema = doc.at("/spec/versions/0/schema/openAPIV3Schema");
            SCHEMAS.put(kind, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema));
        }
    }

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("deploy/examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsValid(Path example) throws IOException {
        JsonNode doc = YAML.readTree(example.toFile());
        assertThat(doc.at("/apiVersion").asText()).isEqualTo("sfintegration.io/v1alpha1");
        Set<ValidationMessage> errors = validate(doc);
        assertThat(errors).as(example + " against its CRD schema").isEmpty();
        // and it deserialises into our Java type
        Class<?> type = Map.of("SalesforceOrg", SalesforceOrg.class, "ClusterSalesforceOrg", ClusterSalesforceOrg.class,
                "PermissionSet", PermissionSet.class, "PermissionSetGroup", PermissionSetGroup.class,
                "IntegrationUser", IntegrationUser.class).get(doc.at("/kind").asText());
        Object typed = Serialization.unmarshal(Files.readString(example), type);
        assertThat(typed).isInstanceOf(type);
    }

    @Test
    void schemaRejectsBadInput() throws IOException {
        ObjectNode user = (ObjectNode) YAML.readTree(Path.of("deploy/examples/20-integrationuser-erp.yaml").toFile());
        ((ObjectNode) user.get("spec")).put("username", "not-an-email");
        ((ObjectNode) user.get("spec")).put("alias", "far-too-long-alias");
        ((ObjectNode) user.get("spec")).put("deletionPolicy", "Delete");
        assertThat(validate(user)).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("username"))
                .anySatisfy(m -> assertThat(m).contains("alias"))
                .anySatisfy(m -> assertThat(m).contains("deletionPolicy"));

        ObjectNode ps = (ObjectNode) YAML.readTree(Path.of("deploy/examples/10-permissionset-account-reader.yaml").toFile());
        ((ObjectNode) ps.get("spec")).put("name", "1-bad name");
        ((ObjectNode) ps.get("spec")).remove("label");
        assertThat(validate(ps)).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("name"))
                .anySatisfy(m -> assertThat(m).contains("label"));
    }

    static Set<ValidationMessage> validate(JsonNode doc) {
        JsonSchema schema = SCHEMAS.get(doc.at("/kind").asText());
        assertThat(schema).as("a CRD for kind " + doc.at("/kind").asText()).isNotNull();
        return schema.validate(doc);
    }
}
