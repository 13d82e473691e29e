package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.CredentialsException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the operator may send an org's credentials (client secret, JWT assertion, access token). Anyone who may edit a
 * SalesforceOrg chooses its URLs, so without this check they could point the operator at a host of their own and
 * collect the secret. Allowed: {@code https} on Salesforce's own domains, default port, no user info, no query; or
 * an origin ({@code scheme://host:port}) the platform lists exactly in {@code sfio.trusted-urls} (local mode lists
 * its emulator, nothing else).
 *
 * <p>The domains: My Domain URLs are {@code <name>.my.salesforce.com} in production and
 * {@code <name>--<sandbox>.sandbox.my.salesforce.com}, {@code .develop.}, {@code .scratch.}, {@code .demo.},
 * {@code .patch.}, {@code .free.}, {@code .trailblaze.my.salesforce.com} for partitioned domains (help.salesforce.com
 * "My Domain URL Formats", domain_name_app_url_changes.htm, and "Partitioned Domains"): all end in
 * {@code .my.salesforce.com}. The generic login hosts are {@code login.salesforce.com} and {@code test.salesforce.com}
 * (remoteaccess_oauth_jwt_flow.htm). Other Salesforce-operated hosts (government clouds, orgs hosted outside
 * salesforce.com) are not built in: list their origins exactly.
 */
public final class TrustedUrls {

    private static final String MY_DOMAIN_SUFFIX = ".my.salesforce.com";
    private static final Set<String> LOGIN_HOSTS = Set.of("login.salesforce.com", "test.salesforce.com");

    private final Set<String> origins;

    private TrustedUrls(Set<String> origins) {
        this.origins = origins;
    }

    /** Salesforce's domains only. */
    public static TrustedUrls salesforceOnly() {
        return new TrustedUrls(Set.of());
    }

    /**
     * Salesforce's domains plus these origins, each {@code scheme://host:port} (a path is ignored; a missing port is
     * the scheme's default). Blank entries are skipped; a malformed one fails start-up rather than being ignored.
     */
    public static TrustedUrls withExtra(Collection<String> extra) {
        Set<String> out = new TreeSet<>();
        for (String url : extra) {
            if (url == null || url.isBlank()) {
                continue;
            }
            URI uri = parse(url.trim());
            if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
                throw new IllegalArgumentException("sfio.trusted-urls: not a URL with a scheme and a host: " + url);
            }
            out.add(origin(uri));
        }
        return new TrustedUrls(Set.copyOf(out));
    }

    /** The listed origins (for logs and tests). */
    public List<String> extraOrigins() {
        return new ArrayList<>(new TreeSet<>(origins));
    }

    /**
     * Throws {@link CredentialsException} with reason {@code UntrustedUrl} unless {@code url} may receive credentials.
     * {@code field} names where the URL came from (e.g. {@code spec.instanceUrl}).
     */
    public void check(String field, String url) {
        String why = whyUntrusted(url);
        if (why != null) {
            throw new CredentialsException("UntrustedUrl", field + " " + url + " is not trusted: " + why
                    + ". Credentials are sent only over https to Salesforce's domains (*.my.salesforce.com, login.salesforce.com,"
                    + " test.salesforce.com) or to an origin the operator lists in sfio.trusted-urls; nothing was sent.");
        }
    }

    public boolean isTrusted(String url) {
        return whyUntrusted(url) == null;
    }

    private String whyUntrusted(String url) {
        if (url == null || url.isBlank()) {
            return "it is empty";
        }
        URI uri = parse(url.trim());
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            return "it is not an absolute URL with a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "it carries user information";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "it carries a query or a fragment";
        }
        if (origins.contains(origin(uri))) {
            return null;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return "it is not https";
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            return "it names port " + uri.getPort();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (LOGIN_HOSTS.contains(host)) {
            return null;
        }
        if (host.endsWith(MY_DOMAIN_SUFFIX) && host.length() > MY_DOMAIN_SUFFIX.length()) {
            return null;
        }
        return "host " + host + " is not a Salesforce domain";
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public String toString() {
        return "TrustedUrls[salesforce domains + " + origins + "]";
    }
}
