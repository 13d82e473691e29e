package io.sfintegration.httpapi;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * One guard for every path under {@code /api/v1/} (drift today, more later), so no resource can forget it. It runs
 * before matching, so an unknown path under the prefix answers 401/403 as well and reveals nothing.
 * {@code /q/health} and {@code /q/metrics} are Vert.x routes, not REST resources, and stay open for probes and
 * scrapers. The token is never logged; the path checked is the request path, as kube-rbac-proxy does.
 */
@ApplicationScoped
public class ApiAuthorizationFilter {

    static final String PREFIX = "/api/v1/";
    private static final Logger LOG = Logger.getLogger(ApiAuthorizationFilter.class);
    private static final int MAX_CACHED_DECISIONS = 10_000;

    private final HttpApiAuthorization mode;
    private final AccessReviewer reviewer;

    @Inject
    public ApiAuthorizationFilter(
            @ConfigProperty(name = "sfio.http-api.authorization", defaultValue = "kubernetes") HttpApiAuthorization mode,
            @ConfigProperty(name = "sfio.http-api.cache-ttl", defaultValue = "1m") Duration cacheTtl,
            KubernetesClient kubernetes, Clock clock) {
        this.mode = mode;
        this.reviewer = new CachedAccessReviewer(new KubernetesAccessReviewer(kubernetes), clock, cacheTtl,
                MAX_CACHED_DECISIONS);
    }

    void announce(@Observes StartupEvent event) {
        if (mode == HttpApiAuthorization.NONE) {
            LOG.warn("sfio.http-api.authorization=none: " + PREFIX + " answers without a token; use this only on loopback");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> authorize(ContainerRequestContext request) {
        if (mode == HttpApiAuthorization.NONE || !guarded(request.getUriInfo().getPath())) {
            return Uni.createFrom().nullItem();
        }
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            return Uni.createFrom().item(unauthorized());
        }
        String path = request.getUriInfo().getRequestUri().getPath();
        String verb = verb(request.getMethod());
        // the reviews are blocking API calls: keep them off the event loop whatever thread the endpoint runs on
        return Uni.createFrom().item(() -> decide(token, path, verb))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response decide(String token, String path, String verb) {
        try {
            return switch (reviewer.review(token, path, verb)) {
                case ALLOWED -> null;
                case FORBIDDEN -> error(Response.Status.FORBIDDEN, "forbidden: " + verb + " " + path + " is not allowed");
                case UNAUTHENTICATED -> unauthorized();
            };
        } catch (ReviewUnavailableException e) {
            LOG.warnf("Cannot authorize %s %s: %s", verb, path, e.getMessage());
            return error(Response.Status.SERVICE_UNAVAILABLE, "authorization is unavailable, try again");
        }
    }

    static boolean guarded(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.startsWith(PREFIX) || p.equals("/api/v1");
    }

    /** The HTTP method as a Kubernetes verb, the mapping kube-rbac-proxy and the API server use. */
    static String verb(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    static String bearerToken(String header) {
        if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.TEXT_PLAIN).entity("unauthorized: a valid Kubernetes bearer token is required\n").build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}
