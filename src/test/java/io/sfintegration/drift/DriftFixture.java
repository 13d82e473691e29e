package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.api.v1alpha1.AssignedPermissionSet;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.api.v1alpha1.PermissionSetStatus;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.Profile;
import io.sfintegration.salesforce.SalesforceUser;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserLogin;
import io.sfintegration.salesforce.UserState;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One org with one managed user and one managed permission set, in the mock Kubernetes API and in a fake Salesforce. */
final class DriftFixture {
    static final String NS = "team-a";
    static final String ORG = "acme";
    static final String PROFILE_ID = "00e000000000001AAA";
    static final String PSL_ID = "0PL000000000001AAA";
    static final String USER_LICENSE_ID = "100000000000001AAA";
    static final String OPERATOR_ID = "005000000000000AAA";
    static final String USER_ID = "005000000000001AAA";
    static final String PS_ID = "0PS000000000001AAA";
    static final String USERNAME = "billing@acme.example";
    static final String PS_NAME = "Billing_Integration";

    static OrgSnapshot snapshot() {
        return new OrgSnapshot("00D000000000001AAA", "Acme", OPERATOR_ID, null,
                List.of(new License(USER_LICENSE_ID, "Salesforce Integration", "SFDC_INTEGRATION", LicenseKind.USER, 5, 1),
                        new License(PSL_ID, "Salesforce API Integration", "SalesforceAPIIntegrationPsl", LicenseKind.PERMISSION_SET, 5, 1)),
                List.of(new Profile(PROFILE_ID, IntegrationUserSpec.DEFAULT_PROFILE, USER_LICENSE_ID, "Salesforce Integration", true)));
    }

    static SalesforceOrg org(DriftPolicy policy, String interval) {
        SalesforceOrg org = new SalesforceOrg();
        org.setMetadata(new ObjectMetaBuilder().withName(ORG).withNamespace(NS).build());
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl("https://acme.my.salesforce.com");
        spec.getDrift().setPolicy(policy);
        spec.getDrift().setInterval(interval);
        org.setSpec(spec);
        SalesforceOrgStatus status = new SalesforceOrgStatus();
        status.getConditions().add(new ConditionBuilder().withType(ConditionTypes.READY).withStatus("True").withReason("Available").build());
        org.setStatus(status);
        return org;
    }

    static IntegrationUser user(DriftPolicy override) {
        IntegrationUser u = new IntegrationUser();
        u.setMetadata(new ObjectMetaBuilder().withName("billing").withNamespace(NS).build());
        IntegrationUserSpec spec = new IntegrationUserSpec();
        spec.setOrgRef(new OrgReference(ORG));
        spec.setUsername(USERNAME);
        spec.setEmail("owner@acme.example");
        spec.setLastName("Billing");
        spec.setPermissionSets(List.of(PermissionSetReference.ofRef("billing-ps")));
        spec.setDriftPolicy(override);
        u.setSpec(spec);
        IntegrationUserStatus status = new IntegrationUserStatus();
        status.setUserId(USER_ID);
        status.setProfileId(PROFILE_ID);
        status.setAssignedPermissionSets(List.of(new AssignedPermissionSet(PS_NAME, PS_ID, "0Pa000000000001AAA", true)));
        ready(status.getConditions());
        u.setStatus(status);
        return u;
    }

    static PermissionSet permissionSet(DriftPolicy override) {
        PermissionSet ps = new PermissionSet();
        ps.setMetadata(new ObjectMetaBuilder().withName("billing-ps").withNamespace(NS).build());
        PermissionSetSpec spec = new PermissionSetSpec();
        spec.setOrgRef(new OrgReference(ORG));
        spec.setName(PS_NAME);
        spec.setLabel("Billing Integration");
        spec.setUserPermissions(List.of("ApiEnabled"));
        spec.setObjectPermissions(List.of(new ObjectPermission("Account", true, false, false, false, false, false)));
        spec.setDriftPolicy(override);
        ps.setSpec(spec);
        PermissionSetStatus status = new PermissionSetStatus();
        status.setPermissionSetId(PS_ID);
        ready(status.getConditions());
        ps.setStatus(status);
        return ps;
    }

    private static void ready(List<io.fabric8.kubernetes.api.model.Condition> conditions) {
        conditions.add(new ConditionBuilder().withType(ConditionTypes.READY).withStatus("True").withReason("Available").build());
    }

    static UserState userState(String email, boolean frozen, boolean withPermissionSet) {
        UserFields fields = new UserFields(USERNAME, email, null, "Billing", "billing", "America/Los_Angeles", "en_US",
                "en_US", "UTF-8", PROFILE_ID);
        return new UserState(new SalesforceUser(USER_ID, fields, IntegrationUserSpec.DEFAULT_PROFILE, "Salesforce Integration", true, OPERATOR_ID),
                new UserLogin("05G000000000001AAA", USER_ID, frozen),
                List.of(new Assignment("2LA000000000001AAA", USER_ID, PSL_ID, "Salesforce API Integration")),
                withPermissionSet ? List.of(new Assignment("0Pa000000000001AAA", USER_ID, PS_ID, PS_NAME)) : List.of());
    }

    static PermissionSetState permissionSetState(Set<String> userPermissions) {
        return new PermissionSetState(PS_ID, new PermissionSetFields(PS_NAME, "Billing Integration", "", PSL_ID, new TreeSet<>(userPermissions)),
                false, List.of(new ObjectAccess("110000000000001AAA", PS_ID, "Account", true, false, false, false, false, false)), List.of());
    }

    /** Creates the resources; the mock keeps status as sent on create, like a cluster without the status subresource. */
    static void createAll(KubernetesClient kube, SalesforceOrg org, IntegrationUser user, PermissionSet ps) {
        kube.resources(SalesforceOrg.class).inNamespace(NS).resource(org).create();
        if (ps != null) {
            PermissionSet created = kube.resources(PermissionSet.class).inNamespace(NS).resource(ps).create();
            settle(kube, PermissionSet.class, created, ps.getStatus());
        }
        if (user != null) {
            IntegrationUser created = kube.resources(IntegrationUser.class).inNamespace(NS).resource(user).create();
            settle(kube, IntegrationUser.class, created, user.getStatus());
        }
    }

    /** Writes the status a controller would have written after applying the current generation. */
    static <S extends io.sfintegration.api.v1alpha1.ConditionedStatus, R extends io.fabric8.kubernetes.client.CustomResource<?, S>> void settle(
            KubernetesClient kube, Class<R> kind, R created, S status) {
        status.setObservedGeneration(created.getMetadata().getGeneration());
        created.setStatus(status);
        kube.resources(kind).inNamespace(NS).resource(created).updateStatus();
    }

    private DriftFixture() {
    }
}
