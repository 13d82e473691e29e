package io.sfintegration.export;

import io.sfintegration.salesforce.OrgExportRead;
import io.sfintegration.salesforce.Soql;
import io.sfintegration.salesforce.UserState;

import java.util.Optional;

/**
 * Which users the export writes, and why (one rule per user, named in the YAML comment):
 * <ol>
 * <li>{@code integration licence}: the user is on the Salesforce Integration user licence;</li>
 * <li>{@code API-only profile}: its profile has PermissionsApiUserOnly;</li>
 * <li>{@code API-enabled, no UI login in the last 90 days}: its profile is API-enabled and LoginHistory shows no UI
 * login ("Application" login type) in the last 90 days (never logged in counts: an unused integration).</li>
 * </ol>
 * The operator's own user is never exported.
 */
final class ExportRules {

    static final String INTEGRATION_LICENSE = "Salesforce Integration";
    static final int LOOKBACK_DAYS = 90;

    private ExportRules() {
    }

    static Optional<String> why(UserState user, OrgExportRead read, String operatorUserId) {
        if (Soql.sameId(user.user().id(), operatorUserId)) {
            return Optional.empty();
        }
        if (INTEGRATION_LICENSE.equalsIgnoreCase(user.user().userLicenseName())) {
            return Optional.of("integration licence");
        }
        OrgExportRead.ProfileAccess profile = profile(user, read);
        if (profile != null && profile.apiOnly()) {
            return Optional.of("API-only profile");
        }
        OrgExportRead.LoginUse logins = logins(user, read);
        if (profile != null && profile.apiEnabled() && (logins == null || !logins.uiLogin())) {
            return Optional.of("API-enabled, no UI login in the last " + LOOKBACK_DAYS + " days");
        }
        return Optional.empty();
    }

    static OrgExportRead.ProfileAccess profile(UserState user, OrgExportRead read) {
        String id = user.user().fields().profileId();
        return id == null ? null : read.profiles().get(Soql.id18(id));
    }

    static OrgExportRead.LoginUse logins(UserState user, OrgExportRead read) {
        return read.logins().get(Soql.id18(user.user().id()));
    }
}
