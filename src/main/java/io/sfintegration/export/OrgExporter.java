package io.sfintegration.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.api.v1alpha1.FieldPermission;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.ManagementPolicy;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.controller.findings.UserFindings;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.OrgExportRead;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.Soql;
import io.sfintegration.salesforce.UserState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an org and writes YAML for the integration users in it (by {@link ExportRules}) and the custom permission
 * sets assigned to them: every resource with managementPolicy Observe and adoption IfUnmanaged, describing Salesforce
 * exactly as it is (so applying it gives empty plans), with comments naming what a least-privilege spec would change.
 * Costs three composite reads and one permission set read, whatever the org's size (plus paging).
 */
public final class OrgExporter {

    /** The permissions a least-privilege integration permission set would drop. */
    static final Set<String> RISKY_PERMISSIONS = Set.of("ModifyAllData", "ViewAllData", "PasswordNeverExpires", "ManageUsers",
            "AuthorApex", "CustomizeApplication", "ManageProfilesPermissionsets", "AssignPermissionSets", "BulkApiHardDelete");

    /** One exported resource: kind, metadata.name, and its YAML document with the comments in front. */
    public record Exported(String kind, String name, String yaml) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrgExporter() {
    }

    public static List<Exported> export(SalesforceClient client, String namespace, String orgName, Instant now) {
        return export(client, namespace, new OrgReference(orgName), now);
    }

    /** @param orgRef what the exported resources refer to: a SalesforceOrg in {@code namespace}, or a ClusterSalesforceOrg */
    public static List<Exported> export(SalesforceClient client, String namespace, OrgReference orgRef, Instant now) {
        String operatorUserId = client.describeOrg(List.of(), List.of()).operatorUserId();
        OrgExportRead read = client.exportRead(now.minus(Duration.ofDays(ExportRules.LOOKBACK_DAYS)));
        Map<UserState, String> users = new LinkedHashMap<>();
        read.users().stream().sorted(java.util.Comparator.comparing(u -> u.user().username()))
                .forEach(u -> ExportRules.why(u, read, operatorUserId).ifPresent(why -> users.put(u, why)));
        Set<String> setNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        users.keySet().forEach(u -> u.permissionSetAssignments().stream().map(Assignment::targetName)
                .filter(n -> !Installation.isMarker(n)).forEach(setNames::add));
        Map<String, PermissionSetState> sets = setNames.isEmpty() ? Map.of() : client.findPermissionSets(List.copyOf(setNames));

        Names names = new Names();
        Map<String, String> resourceBySet = new LinkedHashMap<>();
        Map<String, List<String>> setUsers = new LinkedHashMap<>();
        users.keySet().forEach(u -> u.permissionSetAssignments().forEach(a ->
                setUsers.computeIfAbsent(a.targetName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(u.user().username())));
        List<Exported> out = new ArrayList<>();
        for (String setName : setNames) {
            PermissionSetState state = sets.get(setName.toLowerCase(Locale.ROOT));
            if (state == null || state.ownedByProfile()) {
                continue;
            }
            String name = names.unique(state.name());
            resourceBySet.put(state.name().toLowerCase(Locale.ROOT), name);
            out.add(new Exported("PermissionSet", name, document(permissionSetComments(state, setUsers.get(setName.toLowerCase(Locale.ROOT))),
                    permissionSet(state, read, namespace, orgRef, name))));
        }
        for (Map.Entry<UserState, String> e : users.entrySet()) {
            UserState u = e.getKey();
            String name = names.unique(u.user().username().substring(0, u.user().username().indexOf('@')));
            out.add(new Exported("IntegrationUser", name, document(userComments(u, e.getValue(), read, now),
                    user(u, namespace, orgRef, name, resourceBySet))));
        }
        return out;
    }

    /** All documents as one multi-document YAML stream. */
    public static String join(List<Exported> exported) {
        StringBuilder sb = new StringBuilder();
        for (Exported e : exported) {
            sb.append("---\n").append(e.yaml());
        }
        return sb.toString();
    }

    static PermissionSet permissionSet(PermissionSetState state, OrgExportRead read, String namespace, OrgReference orgRef, String name) {
        PermissionSet ps = new PermissionSet();
        ps.getMetadata().setName(name);
        ps.getMetadata().setNamespace(namespace);
        PermissionSetSpec spec = new PermissionSetSpec();
        spec.setOrgRef(new OrgReference(orgRef.getKind(), orgRef.getName()));
        spec.setName(state.name());
        spec.setLabel(state.fields().label());
        String description = Installation.untagged(state.fields().description());
        spec.setDescription(description.isEmpty() ? null : description);
        String licenseId = state.fields().licenseId();
        spec.setLicense(licenseId == null ? PermissionSetSpec.NO_LICENSE : read.licenseNames().getOrDefault(Soql.id18(licenseId), licenseId));
        spec.setObjectPermissions(new ArrayList<>(state.objectPermissions().stream()
                .sorted(java.util.Comparator.comparing(o -> o.object()))
                .map(o -> new ObjectPermission(o.object(), o.read(), o.create(), o.edit(), o.delete(), o.viewAllRecords(), o.modifyAllRecords()))
                .toList()));
        spec.setFieldPermissions(new ArrayList<>(state.fieldPermissions().stream()
                .sorted(java.util.Comparator.comparing(f -> f.field()))
                .map(f -> new FieldPermission(f.field(), f.read(), f.edit())).toList()));
        spec.setUserPermissions(new ArrayList<>(new TreeSet<>(state.fields().userPermissions())));
        spec.setManagementPolicy(ManagementPolicy.Observe);
        spec.setAdoption(AdoptionPolicy.IfUnmanaged);
        ps.setSpec(spec);
        return ps;
    }

    static IntegrationUser user(UserState u, String namespace, OrgReference orgRef, String name, Map<String, String> resourceBySet) {
        IntegrationUser user = new IntegrationUser();
        user.getMetadata().setName(name);
        user.getMetadata().setNamespace(namespace);
        IntegrationUserSpec spec = new IntegrationUserSpec();
        var f = u.user().fields();
        spec.setOrgRef(new OrgReference(orgRef.getKind(), orgRef.getName()));
        spec.setUsername(u.user().username());
        spec.setEmail(f.email());
        spec.setFirstName(f.firstName());
        spec.setLastName(f.lastName());
        spec.setAlias(f.alias());
        spec.setTimeZone(f.timeZoneSidKey());
        spec.setLocale(f.localeSidKey());
        spec.setLanguage(f.languageLocaleKey());
        spec.setEmailEncoding(f.emailEncodingKey());
        spec.setProfile(u.user().profileName());
        spec.setPermissionSetLicenses(new ArrayList<>(u.permissionSetLicenseAssignments().stream().map(Assignment::targetName).sorted().toList()));
        List<PermissionSetReference> refs = new ArrayList<>();
        u.permissionSetAssignments().stream().map(Assignment::targetName).filter(n -> !Installation.isMarker(n)).sorted()
                .forEach(n -> refs.add(PermissionSetReference.ofRef(resourceBySet.get(n.toLowerCase(Locale.ROOT)))));
        refs.removeIf(r -> r.getRef() == null);
        spec.setPermissionSets(refs);
        spec.setActive(u.user().active());
        spec.setFrozen(u.login() != null && u.login().frozen());
        spec.setManagementPolicy(ManagementPolicy.Observe);
        spec.setAdoption(AdoptionPolicy.IfUnmanaged);
        user.setSpec(spec);
        return user;
    }

    private static List<String> userComments(UserState u, String why, OrgExportRead read, Instant now) {
        List<String> c = new ArrayList<>();
        c.add("Salesforce user " + u.user().username() + " (" + u.user().id() + "), exported because: " + why);
        List<String> change = new ArrayList<>();
        for (String finding : UserFindings.risky(u)) {
            switch (UserFindings.kind(finding)) {
                case UserFindings.ADMIN_PROFILE -> change.add("profile " + u.user().profileName() + " is an admin profile: least privilege is "
                        + IntegrationUserSpec.DEFAULT_PROFILE + " (a new user: the operator cannot move a user to another licence)");
                case UserFindings.FULL_LICENSE -> change.add("user licence " + u.user().userLicenseName() + " is a full licence: least privilege is "
                        + ExportRules.INTEGRATION_LICENSE);
                default -> change.add(finding);
            }
        }
        if (ExportRules.INTEGRATION_LICENSE.equalsIgnoreCase(u.user().userLicenseName())
                && !IntegrationUserSpec.DEFAULT_PROFILE.equalsIgnoreCase(u.user().profileName())) {
            change.add("profile " + u.user().profileName() + ": least privilege is " + IntegrationUserSpec.DEFAULT_PROFILE);
        }
        if (u.permissionSetLicenseAssignments().stream().noneMatch(a -> IntegrationUserSpec.DEFAULT_PERMISSION_SET_LICENSE.equalsIgnoreCase(a.targetName()))
                && ExportRules.INTEGRATION_LICENSE.equalsIgnoreCase(u.user().userLicenseName())) {
            change.add("permission set licence " + IntegrationUserSpec.DEFAULT_PERMISSION_SET_LICENSE + " is not assigned");
        }
        OrgExportRead.LoginUse logins = ExportRules.logins(u, read);
        if (logins != null && logins.applications().size() > 1) {
            change.add("shared by " + logins.applications().size() + " integrations (" + String.join(", ", logins.applications())
                    + "): least privilege is one user per integration");
        }
        Instant last = u.user().lastLoginDate();
        if (UserFindings.unused(last, ExportRules.LOOKBACK_DAYS, now)) {
            change.add(last == null ? "never logged in: a candidate to retire" : "unused: last login " + UserFindings.lastLoginDay(last)
                    + ", more than " + ExportRules.LOOKBACK_DAYS + " days ago: a candidate to retire");
        }
        if (change.isEmpty()) {
            c.add("Nothing to change under a least-privilege spec.");
        } else {
            c.add("Under a least-privilege spec:");
            change.forEach(x -> c.add("  - " + x));
        }
        c.add("Observe writes nothing. Review status.plan, then set managementPolicy: Manage to adopt it (adoption: IfUnmanaged).");
        return c;
    }

    private static List<String> permissionSetComments(PermissionSetState state, List<String> assignees) {
        List<String> c = new ArrayList<>();
        c.add("Salesforce permission set " + state.name() + " (" + state.id() + "), assigned to the exported "
                + (assignees == null ? List.of() : assignees));
        List<String> risky = state.fields().userPermissions().stream().filter(p -> RISKY_PERMISSIONS.stream().anyMatch(r -> r.equalsIgnoreCase(p))).sorted().toList();
        if (risky.isEmpty()) {
            c.add("Nothing to change under a least-privilege spec.");
        } else {
            c.add("Under a least-privilege spec: remove " + String.join(", ", risky) + " from userPermissions.");
        }
        c.add("Observe writes nothing. Review status.plan, then set managementPolicy: Manage to adopt it (adoption: IfUnmanaged;"
                + " an adopted set is never deleted).");
        return c;
    }

    private static String document(List<String> comments, Object resource) {
        ObjectNode tree = JSON.valueToTree(resource);
        tree.remove("status");
        ObjectNode metadata = (ObjectNode) tree.get("metadata");
        ObjectNode slim = JSON.createObjectNode();
        slim.set("name", metadata.get("name"));
        slim.set("namespace", metadata.get("namespace"));
        tree.set("metadata", slim);
        strip(tree);
        StringBuilder sb = new StringBuilder();
        comments.forEach(line -> sb.append("# ").append(line).append('\n'));
        try {
            sb.append(YAML.writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Drops nulls, so the YAML says only what Salesforce has. */
    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> nulls = new ArrayList<>();
            o.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    strip(e.getValue());
                }
            });
            o.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(OrgExporter::strip);
        }
    }

    /** Kubernetes names from Salesforce names: lower case, dashes, unique within the export. */
    static final class Names {
        private final Set<String> used = new TreeSet<>();

        String unique(String raw) {
            String base = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            if (base.isEmpty()) {
                base = "exported";
            }
            base = base.length() > 60 ? base.substring(0, 60) : base;
            String name = base;
            for (int i = 2; !used.add(name); i++) {
                name = base + "-" + i;
            }
            return name;
        }
    }
}
