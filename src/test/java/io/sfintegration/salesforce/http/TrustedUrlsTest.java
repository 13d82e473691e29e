package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.CredentialsException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedUrlsTest {

    private final TrustedUrls salesforce = TrustedUrls.salesforceOnly();

    @Test
    void salesforceDomainsOverHttpsAreTrusted() {
        assertThat(salesforce.isTrusted("https://acme.my.salesforce.com")).isTrue();
        assertThat(salesforce.isTrusted("https://acme.my.salesforce.com/")).isTrue();
        assertThat(salesforce.isTrusted("https://ACME--uat.sandbox.my.salesforce.com:443")).isTrue();
        assertThat(salesforce.isTrusted("https://acme-dev-ed.develop.my.salesforce.com")).isTrue();
        assertThat(salesforce.isTrusted("https://login.salesforce.com")).isTrue();
        assertThat(salesforce.isTrusted("https://test.salesforce.com")).isTrue();
    }

    @Test
    void everythingElseIsRefused() {
        assertThat(salesforce.isTrusted("http://acme.my.salesforce.com")).as("plain http").isFalse();
        assertThat(salesforce.isTrusted("https://acme.my.salesforce.com:8443")).as("other port").isFalse();
        assertThat(salesforce.isTrusted("https://acme.my.salesforce.com.evil.example")).as("look-alike").isFalse();
        assertThat(salesforce.isTrusted("https://evilmy.salesforce.com")).isFalse();
        assertThat(salesforce.isTrusted("https://my.salesforce.com")).as("no My Domain name").isFalse();
        assertThat(salesforce.isTrusted("https://login.salesforce.com@evil.example")).as("user info trick").isFalse();
        assertThat(salesforce.isTrusted("https://evil.example?x=.my.salesforce.com")).isFalse();
        assertThat(salesforce.isTrusted("https://evil.example#.my.salesforce.com")).isFalse();
        assertThat(salesforce.isTrusted("http://127.0.0.1:17443")).isFalse();
        assertThat(salesforce.isTrusted("")).isFalse();
        assertThat(salesforce.isTrusted(null)).isFalse();
        assertThat(salesforce.isTrusted("not a url")).isFalse();
    }

    @Test
    void listedOriginsAreTrustedExactly() {
        TrustedUrls trusted = TrustedUrls.withExtra(List.of("http://127.0.0.1:17443", "https://sf.proxy.internal"));
        assertThat(trusted.isTrusted("http://127.0.0.1:17443")).isTrue();
        assertThat(trusted.isTrusted("http://127.0.0.1:17443/")).isTrue();
        assertThat(trusted.isTrusted("https://sf.proxy.internal:443")).isTrue();
        assertThat(trusted.isTrusted("http://127.0.0.1:17444")).as("another port").isFalse();
        assertThat(trusted.isTrusted("https://127.0.0.1:17443")).as("another scheme").isFalse();
        assertThat(trusted.isTrusted("http://localhost:17443")).as("another host name").isFalse();
        assertThat(trusted.isTrusted("https://acme.my.salesforce.com")).isTrue();
    }

    @Test
    void theRefusalNamesFieldAndUrl() {
        assertThatThrownBy(() -> salesforce.check("spec.loginUrl", "http://evil.example"))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("spec.loginUrl http://evil.example is not trusted: it is not https")
                .extracting(e -> ((CredentialsException) e).reason()).isEqualTo("UntrustedUrl");
    }

    @Test
    void aMalformedListedUrlFailsStartUp() {
        assertThatThrownBy(() -> TrustedUrls.withExtra(List.of("127.0.0.1:17443")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
