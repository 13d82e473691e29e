package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sfintegration.salesforce.AuthenticationException;
import io.sfintegration.salesforce.CredentialsException;
import io.sfintegration.salesforce.SalesforceException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 endpoints (which do not count against the API allocation):
 * JWT bearer flow (help.salesforce.com "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration",
 * remoteaccess_oauth_jwt_flow.htm), client credentials flow (remoteaccess_oauth_client_credentials_flow.htm, My Domain
 * URL only) and userinfo. Error bodies are {"error","error_description"}.
 */
final class OAuthTokenEndpoint {

    private static final Duration JWT_LIFETIME = Duration.ofMinutes(3);

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration requestTimeout;
    private final Clock clock;
    private final TrustedUrls trusted;

    OAuthTokenEndpoint(HttpClient http, ObjectMapper json, Duration requestTimeout, Clock clock, TrustedUrls trusted) {
        this.trusted = trusted;
        this.http = http;
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    AccessToken jwtBearer(String loginUrl, OrgCredentials.JwtBearer credentials) {
        String assertion = signJwt(credentials, audience(loginUrl));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        form.put("assertion", assertion);
        return token(loginUrl, form);
    }

    AccessToken clientCredentials(String instanceUrl, OrgCredentials.ClientCredentials credentials) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", credentials.clientId());
        form.put("client_secret", credentials.clientSecret());
        return token(instanceUrl, form);
    }

    /** GET /services/oauth2/userinfo: the user the token acts as (user_id). */
    String userId(String instanceUrl, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(trimSlash(instanceUrl) + "/services/oauth2/userinfo"))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new AuthenticationException("INVALID_SESSION_ID", "the access token was refused by userinfo");
        }
        if (response.statusCode() / 100 != 2) {
            throw SalesforceException.fromResponse(response.statusCode(), java.util.List.of());
        }
        JsonNode body = readJson(response.body());
        return body.path("user_id").asText(null);
    }

    /** The JWT audience: the login URL without a trailing slash (login/test.salesforce.com or the My Domain URL). */
    static String audience(String loginUrl) {
        return trimSlash(loginUrl);
    }

    private String signJwt(OrgCredentials.JwtBearer credentials, String audience) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(credentials.clientId())
                .subject(credentials.username())
                .audience(audience)
                .expirationTime(Date.from(clock.instant().plus(JWT_LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(credentials.privateKey()));
        } catch (JOSEException | RuntimeException e) {
            throw new CredentialsException("InvalidCredentials", "the private key cannot sign an RS256 JWT");
        }
        return jwt.serialize();
    }

    private AccessToken token(String baseUrl, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(trimSlash(baseUrl) + "/services/oauth2/token"))
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        JsonNode answer = readJson(response.body());
        if (response.statusCode() / 100 != 2) {
            if (response.statusCode() >= 500) {
                throw SalesforceException.fromResponse(response.statusCode(), java.util.List.of());
            }
            throw new AuthenticationException(answer.path("error").asText("HTTP_" + response.statusCode()),
                    answer.path("error_description").asText(null));
        }
        String accessToken = answer.path("access_token").asText(null);
        if (accessToken == null || accessToken.isEmpty()) {
            throw new AuthenticationException("invalid_response", "the token endpoint answered without an access_token");
        }
        // the token is meant for instance_url: an endpoint that names a host we do not trust gets no use of it
        String instanceUrl = answer.path("instance_url").asText(null);
        if (instanceUrl != null && !instanceUrl.isBlank()) {
            trusted.check("the token endpoint's instance_url", instanceUrl);
        }
        return new AccessToken(accessToken, userIdFromIdentityUrl(answer.path("id").asText(null)));
    }

    /** The identity URL ends in /id/<orgId>/<userId>. */
    static String userIdFromIdentityUrl(String identityUrl) {
        if (identityUrl == null) {
            return null;
        }
        String trimmed = trimSlash(identityUrl);
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SalesforceException("the OAuth endpoint timed out", true, null);
        } catch (IOException e) {
            throw new SalesforceException("the OAuth endpoint could not be reached: " + e.getClass().getSimpleName(), true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceException("interrupted", false, null);
        }
    }

    private JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    static String trimSlash(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
