package io.sfintegration.drift;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.controller.OrgDefaults;
import io.sfintegration.salesforce.AuditEntry;
import io.sfintegration.salesforce.ChangeProbe;
import io.sfintegration.salesforce.ProbeScope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one org's drift scan manages, for the change probe: which records count as changed (a {@link ProbeScope})
 * and which SetupAuditTrail rows concern managed resources. A busy org writes audit rows all day (other users, other
 * permission sets, page layouts, sharing); only rows naming a managed user (username, id, name), a managed permission
 * set (API name, label, id), the integration profiles or licences lead to a full read. Changes the audit trail records
 * without naming them are still found by the scoped record queries and by the periodic full read.
 */
final class ManagedScope {

    private final ProbeScope scope;
    private final List<String> tokens;
    private final List<String> lowered;

    private ManagedScope(ProbeScope scope, List<String> tokens) {
        this.scope = scope;
        this.tokens = tokens;
        this.lowered = tokens.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    static ManagedScope of(List<IntegrationUser> users, List<PermissionSet> permissionSets, String permissionSetLicenseId) {
        Set<String> profiles = new LinkedHashSet<>(OrgDefaults.WATCHED_PROFILES);
        Set<String> tokens = new LinkedHashSet<>(OrgDefaults.WATCHED_PROFILES);
        tokens.addAll(OrgDefaults.WATCHED_LICENSES);
        for (IntegrationUser u : users) {
            if (u.getSpec() == null) {
                continue;
            }
            if (u.getSpec().getProfile() != null) {
                profiles.add(u.getSpec().getProfile());
                tokens.add(u.getSpec().getProfile());
            }
            add(tokens, u.getSpec().getUsername());
            if (u.getSpec().getLastName() != null) {
                add(tokens, u.getSpec().getFirstName() == null ? u.getSpec().getLastName() : u.getSpec().getFirstName() + " " + u.getSpec().getLastName());
            }
            if (u.getStatus() != null) {
                add(tokens, u.getStatus().getUserId());
            }
        }
        List<String> setNames = new ArrayList<>();
        for (PermissionSet p : permissionSets) {
            if (p.getSpec() == null) {
                continue;
            }
            if (p.getSpec().getName() != null) {
                setNames.add(p.getSpec().getName());
            }
            add(tokens, p.getSpec().getName());
            add(tokens, p.getSpec().getLabel());
            if (p.getStatus() != null) {
                add(tokens, p.getStatus().getPermissionSetId());
            }
        }
        ProbeScope scope = new ProbeScope(List.copyOf(profiles), OrgDefaults.INTEGRATION_USER_LICENSE, setNames, permissionSetLicenseId);
        return new ManagedScope(scope, List.copyOf(tokens));
    }

    ProbeScope probeScope() {
        return scope;
    }

    /** Whether the probe saw a change to a managed record or an audit row naming one. */
    boolean changed(ChangeProbe probe) {
        return probe.recordsChanged() || !relevant(probe.auditEntries()).isEmpty();
    }

    /** The rows naming a managed token; a plain substring test first, the word-boundary test only on a hit. */
    List<AuditEntry> relevant(List<AuditEntry> entries) {
        List<AuditEntry> out = new ArrayList<>();
        for (AuditEntry e : entries) {
            String hay = (e.display() + "\n" + e.action()).toLowerCase(java.util.Locale.ROOT);
            for (int i = 0; i < tokens.size(); i++) {
                if (hay.contains(lowered.get(i)) && (AuditAttribution.names(e.display(), tokens.get(i))
                        || AuditAttribution.names(e.action(), tokens.get(i)))) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    private static void add(Set<String> tokens, String value) {
        if (value != null && !value.isBlank()) {
            tokens.add(value);
        }
    }
}
