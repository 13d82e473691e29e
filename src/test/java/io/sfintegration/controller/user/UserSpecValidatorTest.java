package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class UserSpecValidatorTest {

    static Stream<Arguments> cases() {
        PermissionSetReference both = PermissionSetReference.ofRef("a");
        both.setName("B");
        return Stream.of(
                Arguments.of("valid", (Consumer<IntegrationUserSpec>) s -> { }, null),
                Arguments.of("quotes are legal in usernames", (Consumer<IntegrationUserSpec>) s -> s.setUsername("o'neil@acme.example.com"), null),
                Arguments.of("username not an email", (Consumer<IntegrationUserSpec>) s -> s.setUsername("erp"), "username"),
                Arguments.of("username with spaces", (Consumer<IntegrationUserSpec>) s -> s.setUsername("a' OR Name != '@x.com"), "username"),
                Arguments.of("alias too long", (Consumer<IntegrationUserSpec>) s -> s.setAlias("123456789"), "alias"),
                Arguments.of("no last name", (Consumer<IntegrationUserSpec>) s -> s.setLastName(" "), "lastName"),
                Arguments.of("ref and name", (Consumer<IntegrationUserSpec>) s -> s.setPermissionSets(List.of(both)), "exactly one"),
                Arguments.of("duplicate ref", (Consumer<IntegrationUserSpec>) s -> s.setPermissionSets(List.of(PermissionSetReference.ofRef("a"), PermissionSetReference.ofRef("a"))), "more than once"),
                Arguments.of("bad permission set name", (Consumer<IntegrationUserSpec>) s -> s.setPermissionSets(List.of(PermissionSetReference.ofName("x' OR Id != '"))), "not a permission set API name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, Consumer<IntegrationUserSpec> change, String expected) {
        IntegrationUserSpec spec = new IntegrationUserSpec();
        spec.setOrgRef(new OrgReference("org"));
        spec.setUsername("erp@acme.example.com");
        spec.setEmail("owner@acme.example.com");
        spec.setLastName("ERP");
        change.accept(spec);
        List<String> problems = UserSpecValidator.problems(spec);
        if (expected == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).anySatisfy(p -> assertThat(p).contains(expected));
        }
    }

    @ParameterizedTest(name = "alias for {0}")
    @MethodSource("aliases")
    void defaultAlias(String username, String alias) {
        IntegrationUserSpec spec = new IntegrationUserSpec();
        spec.setUsername(username);
        assertThat(DesiredUserResolver.alias(spec)).isEqualTo(alias);
    }

    static Stream<Arguments> aliases() {
        return Stream.of(Arguments.of("erp-sync@acme.example.com", "erpsync"), Arguments.of("a@b.co", "a"),
                Arguments.of("---@b.co", "intuser"), Arguments.of("verylongname@b.co", "verylong"));
    }
}
