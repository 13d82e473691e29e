package io.sfintegration.drift;

import io.sfintegration.salesforce.Soql;
import io.sfintegration.salesforce.OrgInventory;
import io.sfintegration.salesforce.SalesforceUser;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds what looks like the operator's in an org but that no resource claims: users on the integration user licence
 * and permission sets requiring the integration permission set licence. They are only reported: the operator cannot
 * tell a resource deleted with deletionPolicy Orphan from something a person set up by hand.
 */
final class OrphanFinder {

    static final String USER = "User";
    static final String PERMISSION_SET = "PermissionSet";

    private OrphanFinder() {
    }

    /**
     * @param claimedUsers          user ids and usernames that IntegrationUsers claim
     * @param claimedPermissionSets permission set ids and API names that PermissionSets claim
     * @param operatorUserId        the operator's own user (often on the integration licence itself); never an orphan
     */
    static List<DriftReport.Orphan> find(OrgInventory inventory, Collection<String> claimedUsers,
                                         Collection<String> claimedPermissionSets, String operatorUserId) {
        Set<String> users = normalised(claimedUsers);
        Set<String> sets = normalised(claimedPermissionSets);
        List<DriftReport.Orphan> out = new ArrayList<>();
        for (SalesforceUser u : inventory.users()) {
            if (users.contains(Soql.idKey(u.id())) || users.contains(lower(u.username())) || Soql.idKey(u.id()).equals(Soql.idKey(operatorUserId))) {
                continue;
            }
            out.add(new DriftReport.Orphan(USER, u.id(), u.username(), (u.active() ? "active" : "inactive")
                    + " user on licence " + u.userLicenseName() + ", profile " + u.profileName()));
        }
        for (OrgInventory.PermissionSetSummary ps : inventory.permissionSets()) {
            if (sets.contains(Soql.idKey(ps.id())) || sets.contains(lower(ps.name()))) {
                continue;
            }
            out.add(new DriftReport.Orphan(PERMISSION_SET, ps.id(), ps.name(), "permission set '" + ps.label()
                    + "' requires the integration permission set licence"));
        }
        return out;
    }

    private static Set<String> normalised(Collection<String> values) {
        Set<String> out = new HashSet<>();
        for (String v : values) {
            if (v != null) {
                out.add(lower(v));
                out.add(Soql.idKey(v));
            }
        }
        return out;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

}
