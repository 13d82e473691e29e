package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.sfintegration.salesforce.AuthenticationException;
import io.sfintegration.salesforce.OutcomeUnknownException;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SalesforceException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw exchange: sends one request with the org's bearer token, replaces the token once when Salesforce answers
 * 401 INVALID_SESSION_ID ("Status Codes and Error Responses": get a new token and retry once), reads
 * Sforce-Limit-Info, counts the call and turns error answers into {@link SalesforceException}s.
 */
final class HttpTransport implements Exchange {

    private static final Logger LOG = Logger.getLogger(HttpTransport.class);

    private final HttpClient http;
    private final ObjectMapper json;
    private final String instanceUrl;
    private final Duration requestTimeout;
    private final TokenProvider tokens;
    private final ApiUsageMeter usage;
    private final SalesforceMetrics metrics;
    private final java.util.concurrent.atomic.LongAdder callsMade = new java.util.concurrent.atomic.LongAdder();

    HttpTransport(HttpClient http, ObjectMapper json, String instanceUrl, Duration requestTimeout, TokenProvider tokens,
                  ApiUsageMeter usage, SalesforceMetrics metrics) {
        this.http = http;
        this.json = json;
        this.instanceUrl = OAuthTokenEndpoint.trimSlash(instanceUrl);
        this.requestTimeout = requestTimeout;
        this.tokens = tokens;
        this.usage = usage;
        this.metrics = metrics;
    }

    @Override
    public ApiResponse send(ApiRequest request) {
        AccessToken token = tokens.current();
        HttpResponse<String> response = exchange(request, token);
        if (response.statusCode() == 401) {
            if (!tokens.canRefresh()) {
                throw new AuthenticationException("INVALID_SESSION_ID", "the static access token was refused");
            }
            LOG.infof("Salesforce at %s refused the access token (INVALID_SESSION_ID); fetching a new one", instanceUrl);
            token = tokens.refresh(token);
            response = exchange(request, token);
            if (response.statusCode() == 401) {
                throw new AuthenticationException("INVALID_SESSION_ID", "a freshly issued access token was refused");
            }
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new ApiResponse(status, parse(response.body()));
        }
        throw SalesforceException.fromResponse(status, errors(status, response.body()));
    }

    private HttpResponse<String> exchange(ApiRequest request, AccessToken token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(instanceUrl + request.path()))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (request.body() != null) {
            try {
                body = HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request.body()));
            } catch (IOException e) {
                throw new SalesforceException("could not write the request body", false, e);
            }
            builder.header("Content-Type", "application/json");
        }
        builder.method(request.method(), body);
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            // nothing was sent: safe to try again
            metrics.call(request.resource(), "connect_error");
            throw new SalesforceException("could not connect to Salesforce (" + e.getClass().getSimpleName() + ")", true, null);
        } catch (HttpTimeoutException e) {
            metrics.call(request.resource(), "timeout");
            throw lost(request, "Salesforce did not answer " + request.resource() + " in time");
        } catch (IOException e) {
            metrics.call(request.resource(), "io_error");
            throw lost(request, "connection to Salesforce failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceException("interrupted", false, null);
        }
        response.headers().firstValue("Sforce-Limit-Info").ifPresent(usage::observeHeader);
        if (response.statusCode() != 401) {
            // a refused session is not served; everything else counts against the allocation
            usage.recordOwnCall();
            callsMade.increment();
        }
        metrics.call(request.resource(), outcome(response.statusCode()));
        LOG.debugf("%s %s (%s) -> %d", request.method(), instanceUrl, request.resource(), response.statusCode());
        return response;
    }

    /** A request that may have reached Salesforce: a create among them is never re-sent by the retry policy. */
    private static SalesforceException lost(ApiRequest request, String message) {
        if (request.createsRecords()) {
            return new OutcomeUnknownException(message + "; the write may have been applied, so it is looked up before being sent again");
        }
        return new SalesforceException(message, true, null);
    }

    /** Calls that reached Salesforce and count against the allocation (refused sessions and OAuth excluded). */
    long callsMade() {
        return callsMade.sum();
    }

    private static String outcome(int status) {
        if (status / 100 == 2) {
            return "success";
        }
        if (status == 401) {
            return "unauthorized";
        }
        return status >= 500 ? "server_error" : "client_error";
    }

    private JsonNode parse(String body) {
        if (body == null || body.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new SalesforceException("Salesforce answered with a body that is not JSON", false, null);
        }
    }

    /** Error bodies are {@code [{"message","errorCode","fields"}]}; anything else becomes HTTP_<status>. */
    private List<SalesforceError> errors(int status, String body) {
        List<SalesforceError> errors = new ArrayList<>();
        try {
            JsonNode node = body == null || body.isBlank() ? MissingNode.getInstance() : json.readTree(body);
            if (node.isObject()) {
                node = json.createArrayNode().add(node);
            }
            for (JsonNode e : node) {
                errors.add(JsonRecords.error(e));
            }
        } catch (IOException e) {
            // e.g. an HTML 503 page from a proxy
        }
        if (errors.isEmpty()) {
            errors.add(SalesforceError.of("HTTP_" + status, "Salesforce answered " + status));
        }
        return errors;
    }
}
