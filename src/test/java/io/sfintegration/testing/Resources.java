package io.sfintegration.testing;

import io.sfintegration.api.v1alpha1.FieldPermission;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;

import java.util.ArrayList;
import java.util.List;

/** Builders for test resources in the harness's namespace and org. */
public final class Resources {
    private Resources() {
    }

    public static PermissionSet permissionSet(String name, String apiName) {
        PermissionSet ps = new PermissionSet();
        ps.getMetadata().setName(name);
        ps.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        PermissionSetSpec spec = new PermissionSetSpec();
        spec.setOrgRef(new OrgReference(OperatorHarness.ORG));
        spec.setName(apiName);
        spec.setLabel(apiName.replace('_', ' '));
        spec.setDescription("test permission set");
        spec.setObjectPermissions(new ArrayList<>(List.of(new ObjectPermission("Account", true, false, false, false, false, false))));
        spec.setFieldPermissions(new ArrayList<>(List.of(new FieldPermission("Account.Phone", true, false))));
        ps.setSpec(spec);
        return ps;
    }

    public static IntegrationUser user(String name, String username, String... permissionSetRefs) {
        IntegrationUser user = new IntegrationUser();
        user.getMetadata().setName(name);
        user.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        IntegrationUserSpec spec = new IntegrationUserSpec();
        spec.setOrgRef(new OrgReference(OperatorHarness.ORG));
        spec.setUsername(username);
        spec.setEmail("owner@acme.example.com");
        spec.setLastName("Integration " + name);
        List<PermissionSetReference> refs = new ArrayList<>();
        for (String ref : permissionSetRefs) {
            refs.add(PermissionSetReference.ofRef(ref));
        }
        spec.setPermissionSets(refs);
        user.setSpec(spec);
        return user;
    }

    /** A group of the given sets, in the harness's namespace and org. */
    public static io.sfintegration.api.v1alpha1.PermissionSetGroup permissionSetGroup(String name, String apiName, PermissionSetReference... sets) {
        var g = new io.sfintegration.api.v1alpha1.PermissionSetGroup();
        g.getMetadata().setName(name);
        g.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        var spec = new io.sfintegration.api.v1alpha1.PermissionSetGroupSpec();
        spec.setOrgRef(new OrgReference(OperatorHarness.ORG));
        spec.setName(apiName);
        spec.setLabel(apiName.replace('_', ' '));
        spec.setDescription("test group");
        spec.setPermissionSets(new ArrayList<>(List.of(sets)));
        g.setSpec(spec);
        return g;
    }
}
