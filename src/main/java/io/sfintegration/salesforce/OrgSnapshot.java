package io.sfintegration.salesforce;

import java.util.List;
import java.util.Optional;

/** What the SalesforceOrg controller reports: identity, API usage and licence capacity. */
public record OrgSnapshot(String orgId, String orgName, String operatorUserId, ApiLimit apiLimit, List<License> licenses,
                          List<Profile> profiles) {

    public Optional<License> license(LicenseKind kind, String name) {
        return licenses.stream().filter(l -> l.kind() == kind && l.matches(name)).findFirst();
    }

    public Optional<Profile> profile(String name) {
        return profiles.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
