package io.sfintegration.salesforce.http;

import java.security.PrivateKey;

/** What an org's Secrets hold, already parsed. No toString shows a secret. */
sealed interface OrgCredentials {

    record JwtBearer(String clientId, String username, PrivateKey privateKey) implements OrgCredentials {
        @Override
        public String toString() {
            return "JwtBearer[clientId=" + clientId + ", username=" + username + ", privateKey=<redacted>]";
        }
    }

    record ClientCredentials(String clientId, String clientSecret) implements OrgCredentials {
        @Override
        public String toString() {
            return "ClientCredentials[clientId=<redacted>, clientSecret=<redacted>]";
        }
    }

    record StaticToken(String accessToken) implements OrgCredentials {
        @Override
        public String toString() {
            return "StaticToken[accessToken=<redacted>]";
        }
    }
}
