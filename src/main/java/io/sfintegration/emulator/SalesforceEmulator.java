package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sfintegration.emulator.soql.DefaultSoqlEngine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * An emulated Salesforce org on 127.0.0.1, plain HTTP, in-process: OAuth, the REST API resources the operator and
 * common clients use, the org rules, fault injection and call counters. Starts in milliseconds; one per test class
 * is fine. Every JSON answer has Content-Type application/json;charset=UTF-8, every REST answer Sforce-Limit-Info.
 */
public final class SalesforceEmulator implements AutoCloseable {

    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    private static final boolean TRACE = Boolean.getBoolean("sfio.emulator.trace");

    private final EmulatorConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final IdGenerator ids;
    private final OrgStore store;
    private final TokenStore tokens;
    private final EmulatorFaults faults = new EmulatorFaults();
    private final ApiCounters counters;
    private final RestApi rest;
    private final OAuthEndpoints oauth;
    private final AdminApi admin;
    private final OrgActivity activity;
    private final String orgId;
    private final String baseUrl;

    private SalesforceEmulator(EmulatorConfig config) throws IOException {
        this.config = config;
        this.ids = new IdGenerator("5g");
        this.orgId = IdGenerator.to18("00D5g" + "0000000EMU");
        Schemas schemas = new Schemas();
        this.store = new OrgStore(schemas, ids, config.clock);
        AuditTrail audit = new AuditTrail(store);
        store.rules(new OrgRules(store, audit));
        this.counters = new ApiCounters(config.dailyApiMax);
        Logins logins = new Logins(store);
        this.activity = new OrgActivity(store, logins, audit, config.clock, config.activityScheduler, config.activityTick,
                config.seed.users().get(config.seed.users().size() > 1 ? 1 : 0).username());
        this.tokens = new TokenStore(orgId, config.clock, config.tokenTtl, userId -> logins.record(userId, "Remote Access 2.0", "Connected App"));
        // the JDK server delays small responses by ~40 ms (Nagle) unless told otherwise; read once, at its first use
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), config.port), 256);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        this.oauth = new OAuthEndpoints(store, tokens, config.apps, orgId, config.clock, () -> baseUrl);
        this.rest = new RestApi(store, new DefaultSoqlEngine(), counters, oauth::identityUrl);
        this.admin = new AdminApi(this);
        seed();
        if (!config.latency.isZero()) {
            faults.latency(config.latency.toMillis(), 0);
        }
        this.executor = new HandlerPool(config.threads);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static SalesforceEmulator start(EmulatorConfig config) {
        try {
            return new SalesforceEmulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Salesforce emulator on port " + config.port, e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String orgId() {
        return orgId;
    }

    public String adminUsername() {
        return config.seed.users().get(0).username();
    }

    /** A valid access token for any active user of the org (for local mode and tests). */
    public String issueAccessToken(String username) {
        String userId = oauth.userIdByUsername(username).orElseThrow(() -> new IllegalArgumentException("no such user: " + username));
        return tokens.issue(userId, false);
    }

    Reply tokenReply(String username) {
        return oauth.userIdByUsername(username).map(id -> oauth.success(id, true))
                .orElse(Reply.error(404, "NOT_FOUND", "no such user: " + username, null));
    }

    /** The busy org's background activity (off until given rates). */
    public OrgActivity activity() {
        return activity;
    }

    public EmulatorFaults faults() {
        return faults;
    }

    public ApiCounters counters() {
        return counters;
    }

    public void expireAllTokens() {
        tokens.expireAll();
    }

    /** Back to the seed: records, counters and faults (tokens of seeded users stay valid: ids are the same). */
    public void reset() {
        activity.reset();
        store.clear();
        ids.reset();
        seed();
        counters.reset();
        counters.setUsage(0, config.dailyApiMax);
        faults.clear();
    }

    private void seed() {
        store.write(() -> Seeder.seed(store, config.seed, orgId));
    }

    @Override
    public void close() {
        activity.close();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- HTTP front ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            handleExchange(exchange);
        } finally {
            if (TRACE) {
                // -Dsfio.emulator.trace=true: one line per request, to see what a client sends (never the headers: tokens)
                System.err.println("emulator: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> " + exchange.getResponseCode());
            }
        }
    }

    private void handleExchange(HttpExchange exchange) throws IOException {
        try {
            String target = requestTarget(exchange);
            int q = target.indexOf('?');
            String path = singleLeadingSlash(q < 0 ? target : target.substring(0, q));
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Map<String, String> query = parse(q < 0 ? null : target.substring(q + 1));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Reply reply;
            if (path.startsWith("/__emulator/")) {
                reply = admin.handle(method, path, json(raw));
            } else if (path.equals("/services/oauth2/token") && method.equals("POST")) {
                reply = oauth.token(parse(new String(raw, StandardCharsets.UTF_8)));
            } else if (path.equals("/services/oauth2/revoke")) {
                Map<String, String> form = method.equals("POST") ? parse(new String(raw, StandardCharsets.UTF_8)) : query;
                reply = oauth.revoke(form);
            } else if (path.equals("/services/oauth2/userinfo")) {
                reply = bearer(exchange).map(oauth::userInfo).orElse(new Reply(403, null, Map.of()));
            } else if (path.startsWith("/id/")) {
                String[] parts = path.split("/");
                // the identity URL also takes the token as oauth_token (jsforce's identity() sends it so)
                Optional<String> caller = bearer(exchange).or(() -> tokens.userOf(query.get("oauth_token")));
                reply = parts.length == 4 ? caller.map(u -> oauth.identity(u, parts[3])).orElse(new Reply(403, null, Map.of()))
                        : Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
            } else if (path.equals("/services/data") || path.equals("/services/data/")) {
                reply = RestApi.versions();
            } else if (path.startsWith("/services/data/")) {
                // a dropped connection closes the exchange without an answer
                api(exchange, method, path.substring("/services/data/".length()), query, raw);
                return;
            } else {
                reply = Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
            }
            send(exchange, reply, false);
        } catch (RuntimeException e) {
            send(exchange, Reply.error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e, null), false);
        }
    }

    /** A REST API call: authenticate, apply faults, count against the allocation, answer. False if the connection was dropped. */
    private boolean api(HttpExchange exchange, String method, String path, Map<String, String> query, byte[] raw) throws IOException {
        Optional<String> user = bearer(exchange);
        if (user.isEmpty()) {
            send(exchange, Reply.error(401, "INVALID_SESSION_ID", "Session expired or invalid", null), false);
            return true;
        }
        JsonNode body;
        try {
            body = json(raw);
        } catch (UncheckedIOException e) {
            send(exchange, Reply.error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON", null), true);
            return true;
        }
        boolean write = RestApi.isWrite(method, path, body);
        long delay = faults.delayMs();
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String fault = faults.pick(path, write);
        if (EmulatorFaults.CONNECTION_DROP.equals(fault)) {
            return false;
        }
        if (!counters.admit() || EmulatorFaults.REQUEST_LIMIT_EXCEEDED.equals(fault)) {
            send(exchange, Reply.error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", null), true);
            return true;
        }
        counters.resource(RestApi.resourceName(path), write);
        if (EmulatorFaults.SERVER_UNAVAILABLE.equals(fault)) {
            send(exchange, Reply.error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable, please retry", null), true);
            return true;
        }
        if (EmulatorFaults.UNABLE_TO_LOCK_ROW.equals(fault)) {
            send(exchange, Reply.error(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records", null), true);
            return true;
        }
        if (fault != null && !EmulatorFaults.CONNECTION_DROP_AFTER_COMMIT.equals(fault)) {
            send(exchange, Reply.error(400, fault, "Injected fault " + fault, null), true);
            return true;
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
        Reply reply = rest.handle(method, path, query, body, user.get(), headers);
        if (EmulatorFaults.CONNECTION_DROP_AFTER_COMMIT.equals(fault)) {
            // the write is done; the client never learns its outcome
            return false;
        }
        send(exchange, reply, true);
        return true;
    }

    /**
     * The request target as sent. java.net.URI reads "//services/data/..." as an authority ("services") and a path
     * ("/data/..."), so the raw path of a doubled leading slash cannot come from getRawPath().
     */
    private static String requestTarget(HttpExchange exchange) {
        String target = exchange.getRequestURI().toString();
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int hash = target.indexOf('#');
        return hash < 0 ? target : target.substring(0, hash);
    }

    /** "//services/data" as "/services/data": clients that join a base URL ending in a slash send such paths. */
    private static String singleLeadingSlash(String path) {
        int slashes = 0;
        while (slashes < path.length() && path.charAt(slashes) == '/') {
            slashes++;
        }
        return slashes < 2 ? path : path.substring(slashes - 1);
    }

    private Optional<String> bearer(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
            return Optional.empty();
        }
        String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim()
                : auth.regionMatches(true, 0, "OAuth ", 0, 6) ? auth.substring(6).trim() : null;
        return tokens.userOf(token);
    }

    private void send(HttpExchange exchange, Reply reply, boolean restApi) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (restApi) {
            exchange.getResponseHeaders().set("Sforce-Limit-Info", "api-usage=" + counters.dailyUsed() + "/" + counters.dailyMax());
        }
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = Reply.JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonNode json(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        try {
            return Reply.JSON.readTree(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
