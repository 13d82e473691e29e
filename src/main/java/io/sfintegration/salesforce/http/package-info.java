/**
 * The Salesforce REST implementation of {@link io.sfintegration.salesforce.SalesforceClient}.
 * <p>
 * Entry point: {@link io.sfintegration.salesforce.http.SalesforceClientProvider} (implements
 * {@link io.sfintegration.salesforce.SalesforceClients}), built from a fabric8 {@code KubernetesClient}, a Micrometer
 * {@code MeterRegistry} and {@link io.sfintegration.salesforce.http.ResilienceSettings}. {@code forOrg(org)} reads the
 * org's Secrets (GET by name, the org's namespace only) and returns a cached
 * {@link io.sfintegration.salesforce.http.RestSalesforceClient}, rebuilt when the org's generation or a Secret's
 * resourceVersion changes.
 * <p>
 * Layers, top down: RestSalesforceClient (domain to SOQL/composite/collections) - RestOperations (query paging,
 * composite, collections with per-record retries of UNABLE_TO_LOCK_ROW) - ResilientExchange (bulkhead, retry,
 * circuit breaker, rate limiter; one per org) - HttpTransport (bearer token, one token refresh on 401, Sforce-Limit-Info,
 * call counting, error mapping). OAuth lives in OAuthTokenEndpoint and TokenProvider. Credentials never reach a log, an
 * exception message, a toString() or a meter.
 */
package io.sfintegration.salesforce.http;
