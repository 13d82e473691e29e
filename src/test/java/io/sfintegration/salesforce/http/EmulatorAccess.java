package io.sfintegration.salesforce.http;

import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.EmulatorFaults;
import io.sfintegration.emulator.EmulatorSeed;
import io.sfintegration.emulator.SalesforceEmulator;

import java.security.cert.X509Certificate;

/** The emulator as the client's tests see it: a connected app with a JWT certificate, seats, counters and faults. */
final class EmulatorAccess implements AutoCloseable {

    private final SalesforceEmulator emulator;

    private EmulatorAccess(SalesforceEmulator emulator) {
        this.emulator = emulator;
    }

    static EmulatorAccess start(X509Certificate certificate, int seats) {
        EmulatorConfig.Builder config = EmulatorConfig.builder().seed(EmulatorSeed.defaults().withIntegrationSeats(seats));
        if (certificate != null) {
            config.jwtCertificate(certificate);
        }
        return new EmulatorAccess(SalesforceEmulator.start(config.build()));
    }

    String baseUrl() {
        return emulator.baseUrl();
    }

    String orgId() {
        return emulator.orgId();
    }

    String adminUsername() {
        return emulator.adminUsername();
    }

    String clientId() {
        return EmulatorConfig.DEFAULT_CLIENT_ID;
    }

    String clientSecret() {
        return EmulatorConfig.DEFAULT_CLIENT_SECRET;
    }

    String accessToken() {
        return emulator.issueAccessToken(emulator.adminUsername());
    }

    long apiCalls() {
        return emulator.counters().snapshot().apiCalls();
    }

    void failNextCalls(int count, int status) {
        if (status != 503) {
            throw new IllegalArgumentException("only 503 SERVER_UNAVAILABLE is scripted here");
        }
        emulator.faults().failNext(count, EmulatorFaults.SERVER_UNAVAILABLE, "");
    }

    void clearFaults() {
        emulator.faults().clear();
    }

    void revokeAllTokens() {
        emulator.expireAllTokens();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
