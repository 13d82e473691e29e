package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.AuthenticationException;
import org.jboss.logging.Logger;

/**
 * Holds one org's access token: fetched on first use, replaced when Salesforce refuses it (INVALID_SESSION_ID).
 * A static token cannot be replaced.
 */
final class TokenProvider {

    private static final Logger LOG = Logger.getLogger(TokenProvider.class);

    private final OrgCredentials credentials;
    private final OAuthTokenEndpoint endpoint;
    private final String instanceUrl;
    private final String loginUrl;
    private AccessToken current;
    private String operatorUserId;

    TokenProvider(OrgCredentials credentials, OAuthTokenEndpoint endpoint, String instanceUrl, String loginUrl) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.instanceUrl = instanceUrl;
        this.loginUrl = loginUrl;
    }

    synchronized AccessToken current() {
        if (current == null) {
            current = fetch();
        }
        return current;
    }

    boolean canRefresh() {
        return !(credentials instanceof OrgCredentials.StaticToken);
    }

    /** A new token unless another thread already replaced the stale one. */
    synchronized AccessToken refresh(AccessToken stale) {
        if (!canRefresh()) {
            throw new AuthenticationException("INVALID_SESSION_ID", "the static access token was refused and cannot be refreshed");
        }
        if (current == null || current == stale) {
            current = fetch();
        }
        return current;
    }

    /** The operator's own user id: from the token response, else from userinfo (an OAuth call, not an API call). */
    synchronized String operatorUserId() {
        AccessToken token = current();
        if (token.userId() != null) {
            return token.userId();
        }
        if (operatorUserId == null) {
            operatorUserId = endpoint.userId(instanceUrl, token.value());
        }
        return operatorUserId;
    }

    private AccessToken fetch() {
        AccessToken token;
        if (credentials instanceof OrgCredentials.JwtBearer jwt) {
            token = endpoint.jwtBearer(loginUrl, jwt);
        } else if (credentials instanceof OrgCredentials.ClientCredentials cc) {
            token = endpoint.clientCredentials(instanceUrl, cc);
        } else {
            return new AccessToken(((OrgCredentials.StaticToken) credentials).accessToken(), null);
        }
        LOG.debugf("obtained an access token from %s (%s)", instanceUrl, credentials.getClass().getSimpleName());
        return token;
    }

    @Override
    public String toString() {
        return "TokenProvider[" + credentials + "]";
    }
}
