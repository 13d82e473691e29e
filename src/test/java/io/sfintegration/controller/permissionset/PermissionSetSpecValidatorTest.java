package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.FieldPermission;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionSetSpecValidatorTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("valid", (Consumer<PermissionSetSpec>) s -> { }, null),
                Arguments.of("edit without read", (Consumer<PermissionSetSpec>) s -> s.setObjectPermissions(List.of(new ObjectPermission("Account", false, false, true, false, false, false))), "need read"),
                Arguments.of("delete without edit", (Consumer<PermissionSetSpec>) s -> s.setObjectPermissions(List.of(new ObjectPermission("Account", true, false, false, true, false, false))), "delete needs read and edit"),
                Arguments.of("modifyAll without viewAll", (Consumer<PermissionSetSpec>) s -> s.setObjectPermissions(List.of(new ObjectPermission("Account", true, true, true, true, false, true))), "modifyAllRecords needs"),
                Arguments.of("viewAll without read", (Consumer<PermissionSetSpec>) s -> s.setObjectPermissions(List.of(new ObjectPermission("Account", false, false, false, false, true, false))), "need read"),
                Arguments.of("field edit without read", (Consumer<PermissionSetSpec>) s -> s.setFieldPermissions(List.of(new FieldPermission("Account.Phone", false, true))), "edit needs read"),
                Arguments.of("duplicate object", (Consumer<PermissionSetSpec>) s -> s.setObjectPermissions(List.of(
                        new ObjectPermission("Account", true, false, false, false, false, false), new ObjectPermission("account", true, false, false, false, false, false))), "more than once"),
                Arguments.of("field without object", (Consumer<PermissionSetSpec>) s -> s.setFieldPermissions(List.of(new FieldPermission("Phone", true, false))), "Object.Field"),
                Arguments.of("SOQL in the name", (Consumer<PermissionSetSpec>) s -> s.setName("a' OR Name != '"), "not a valid API name"),
                Arguments.of("double underscore", (Consumer<PermissionSetSpec>) s -> s.setName("Bad__Name"), "not a valid API name"),
                Arguments.of("trailing underscore", (Consumer<PermissionSetSpec>) s -> s.setName("Bad_"), "not a valid API name"),
                Arguments.of("no label", (Consumer<PermissionSetSpec>) s -> s.setLabel(null), "label"),
                Arguments.of("bad user permission", (Consumer<PermissionSetSpec>) s -> s.setUserPermissions(List.of("Api Enabled")), "not a permission name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, Consumer<PermissionSetSpec> change, String expected) {
        PermissionSetSpec spec = new PermissionSetSpec();
        spec.setOrgRef(new OrgReference("org"));
        spec.setName("Good_Name");
        spec.setLabel("Good");
        spec.setObjectPermissions(List.of(new ObjectPermission("Account", true, true, true, true, true, true)));
        spec.setFieldPermissions(List.of(new FieldPermission("Account.Phone", true, true)));
        change.accept(spec);
        List<String> problems = PermissionSetSpecValidator.problems(spec);
        if (expected == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).anySatisfy(p -> assertThat(p).contains(expected));
        }
    }
}
