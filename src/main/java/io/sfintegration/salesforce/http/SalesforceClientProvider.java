package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds and reuses one {@link SalesforceClient} per SalesforceOrg. Each {@link #forOrg} reads the org's Secrets (GET
 * by name in the org's namespace) and rebuilds the client when the org's generation or a Secret's resourceVersion
 * changed. The API usage window, circuit breaker, bulkhead, rate limiter and metrics of an org outlive such rebuilds
 * and go away with {@link #forget}.
 */
public class SalesforceClientProvider implements SalesforceClients {

    private final CredentialsReader credentials;
    private final TrustedUrls trusted;
    private final MeterRegistry registry;
    private final ResilienceSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, OrgRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, CachedClient> clients = new ConcurrentHashMap<>();
    private final CallBudgets budgets;

    private record CachedClient(String fingerprint, RestSalesforceClient client, String runtimeKey) {
    }

    /** What lives as long as the org: usage, resilience and meters. */
    private record OrgRuntime(ApiUsageMeter usage, ResilientExchange resilience, SalesforceMetrics metrics,
                              AtomicInteger maxDailyPercent) {
    }

    public SalesforceClientProvider(KubernetesClient kubernetes, MeterRegistry registry, ResilienceSettings settings,
                                    TrustedUrls trusted) {
        this(kubernetes, registry, settings, Clock.systemUTC(), trusted);
    }

    public SalesforceClientProvider(KubernetesClient kubernetes, MeterRegistry registry, ResilienceSettings settings,
                                    Clock clock, TrustedUrls trusted) {
        this.credentials = new CredentialsReader(kubernetes);
        this.trusted = trusted;
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
        this.budgets = new CallBudgets(settings.maxAttempts());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The client for an org. Throws {@link io.sfintegration.salesforce.CredentialsException} when its Secrets are
     * missing or unreadable, or with reason UntrustedUrl when a URL may not receive them (checked before the Secrets
     * are even read); authentication itself happens on the first call.
     */
    @Override
    public SalesforceClient forOrg(SalesforceOrg org) {
        String key = key(org);
        String runtimeKey = runtimeKey(org);
        SalesforceOrgSpec spec = org.getSpec();
        trusted.check("spec.instanceUrl", spec.getInstanceUrl());
        if (spec.getLoginUrl() != null && !spec.getLoginUrl().isBlank()) {
            trusted.check("spec.loginUrl", spec.getLoginUrl());
        }
        CredentialsReader.Raw raw = credentials.readRaw(org);
        String fingerprint = org.getMetadata().getUid() + "|" + org.getMetadata().getGeneration() + "|"
                + spec.getInstanceUrl() + "|" + spec.getLoginUrl() + "|" + spec.getApiVersion() + "|" + raw.fingerprint() + "|" + runtimeKey;
        CachedClient cached = clients.get(key);
        if (cached != null && cached.fingerprint().equals(fingerprint)) {
            return cached.client();
        }
        OrgCredentials parsed = CredentialsReader.parse(org, raw);
        OrgRuntime runtime = runtimes.computeIfAbsent(runtimeKey, this::newRuntime);
        runtime.maxDailyPercent().set(maxDailyPercent(spec));
        String instanceUrl = spec.getInstanceUrl();
        String loginUrl = spec.getLoginUrl() != null && !spec.getLoginUrl().isBlank() ? spec.getLoginUrl() : instanceUrl;
        OAuthTokenEndpoint oauth = new OAuthTokenEndpoint(http, json, settings.requestTimeout(), clock, trusted);
        TokenProvider tokens = new TokenProvider(parsed, oauth, instanceUrl, loginUrl);
        HttpTransport transport = new HttpTransport(http, json, instanceUrl, settings.requestTimeout(), tokens,
                runtime.usage(), runtime.metrics());
        String apiVersion = spec.getApiVersion() != null ? spec.getApiVersion() : SalesforceOrgSpec.DEFAULT_API_VERSION;
        // charged inside the retry: every attempt that goes out counts against the reconcile's budget
        Exchange charged = request -> {
            budgets.charge(request.resource());
            return transport.send(request);
        };
        RestOperations rest = new RestOperations(runtime.resilience().around(charged), runtime.resilience(), json, apiVersion);
        AtomicInteger percent = runtime.maxDailyPercent();
        RestSalesforceClient client = new RestSalesforceClient(key, rest, tokens, runtime.usage(), percent::get,
                runtime.resilience(), transport::callsMade);
        clients.put(key, new CachedClient(fingerprint, client, runtimeKey));
        return client;
    }

    @Override
    public CallBudgets budgets() {
        return budgets;
    }

    /** Drops the org's client, its usage window and its meters (the SalesforceOrg was deleted). */
    @Override
    public void forget(SalesforceOrg org) {
        CachedClient gone = clients.remove(key(org));
        String runtimeKey = gone == null ? runtimeKey(org) : gone.runtimeKey();
        // another SalesforceOrg object may reach the same org: its usage window and breaker stay
        if (clients.values().stream().noneMatch(c -> c.runtimeKey().equals(runtimeKey))) {
            OrgRuntime runtime = runtimes.remove(runtimeKey);
            if (runtime != null) {
                runtime.metrics().remove();
            }
        }
    }

    private OrgRuntime newRuntime(String key) {
        ApiUsageMeter usage = new ApiUsageMeter(clock);
        ResilientExchange resilience = new ResilientExchange(key, settings, usage);
        AtomicInteger percent = new AtomicInteger(10);
        SalesforceMetrics metrics = new SalesforceMetrics(registry, key, usage, percent::get, resilience.circuitBreaker());
        resilience.attach(metrics);
        return new OrgRuntime(usage, resilience, metrics, percent);
    }

    private static int maxDailyPercent(SalesforceOrgSpec spec) {
        if (spec.getApiBudget() == null || spec.getApiBudget().getMaxDailyPercent() == null) {
            return 10;
        }
        return Math.max(1, Math.min(100, spec.getApiBudget().getMaxDailyPercent()));
    }

    /**
     * The usage window, rate limiter, circuit breaker and meters belong to the Salesforce org (its org id, once the
     * org has been read), not to the SalesforceOrg object: two objects reaching one org share its daily allocation.
     */
    private static String runtimeKey(SalesforceOrg org) {
        String orgId = org.getStatus() == null ? null : org.getStatus().getOrgId();
        return orgId != null && !orgId.isBlank() ? orgId : key(org);
    }

    private static String key(SalesforceOrg org) {
        return io.sfintegration.salesforce.OrgKey.of(org);
    }
}
