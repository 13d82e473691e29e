package io.sfintegration.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the export command reads from an org in one composite call (issue 20): the org's users with their assignments,
 * their logins since a point in time, which profiles are API-only or API-enabled, and licence names by id.
 *
 * @param logins     by user id (18 characters): the connected apps it logged in through and whether any login was
 *                   through the UI (LoginHistory.LoginType "Application")
 * @param profiles   by profile id (18 characters)
 * @param licenseNames permission set licence MasterLabels and user licence Names by id (18 characters)
 */
public record OrgExportRead(List<UserState> users, Map<String, LoginUse> logins, Map<String, ProfileAccess> profiles,
                            Map<String, String> licenseNames) {

    public record LoginUse(boolean uiLogin, Set<String> applications) {
    }

    public record ProfileAccess(String name, boolean apiOnly, boolean apiEnabled) {
    }
}
