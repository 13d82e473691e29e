package io.sfintegration.emulator;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How to start an emulator: port (0 = free), seed, latency, daily API allocation, token lifetime, connected apps. */
public final class EmulatorConfig {

    public static final String DEFAULT_CLIENT_ID = "emulator-client-id";
    public static final String DEFAULT_CLIENT_SECRET = "emulator-client-secret";

    /** A connected app: consumer key and secret, the certificate's public key for JWT bearer, the run-as user for client credentials. */
    public record ConnectedApp(String clientId, String clientSecret, PublicKey jwtKey, String runAsUsername) {
    }

    final int port;
    final EmulatorSeed seed;
    final Duration latency;
    final long dailyApiMax;
    final Duration tokenTtl;
    final List<ConnectedApp> apps;
    final Clock clock;
    final int threads;
    final java.util.concurrent.ScheduledExecutorService activityScheduler;
    final Duration activityTick;

    private EmulatorConfig(Builder b) {
        this.port = b.port;
        this.seed = b.seed;
        this.latency = b.latency;
        this.dailyApiMax = b.dailyApiMax;
        this.tokenTtl = b.tokenTtl;
        this.apps = List.copyOf(b.apps);
        this.clock = b.clock;
        this.threads = b.threads;
        this.activityScheduler = b.activityScheduler;
        this.activityTick = b.activityTick;
    }

    public static EmulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int port;
        private EmulatorSeed seed = EmulatorSeed.defaults();
        private Duration latency = Duration.ZERO;
        private long dailyApiMax = 115_000;
        private Duration tokenTtl = Duration.ofHours(2);
        private final List<ConnectedApp> apps = new ArrayList<>(List.of(new ConnectedApp(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, null, EmulatorSeed.ADMIN)));
        private Clock clock = Clock.systemUTC();
        private int threads = 64;
        private java.util.concurrent.ScheduledExecutorService activityScheduler;
        private Duration activityTick = Duration.ofSeconds(1);

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder seed(EmulatorSeed seed) {
            this.seed = seed;
            return this;
        }

        public Builder seedFile(Path file) {
            this.seed = EmulatorSeed.fromFile(file);
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder dailyApiMax(long max) {
            this.dailyApiMax = max;
            return this;
        }

        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = ttl;
            return this;
        }

        /** Registers the certificate of the default app for the JWT bearer flow. */
        public Builder jwtCertificate(X509Certificate certificate) {
            return jwtKey(certificate.getPublicKey());
        }

        public Builder jwtKey(PublicKey key) {
            ConnectedApp d = apps.remove(0);
            apps.add(0, new ConnectedApp(d.clientId(), d.clientSecret(), key, d.runAsUsername()));
            return this;
        }

        public Builder connectedApp(String clientId, String clientSecret, PublicKey jwtKey, String runAsUsername) {
            apps.add(new ConnectedApp(clientId, clientSecret, jwtKey, runAsUsername));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The most requests handled at once (default 64). CPU-bound load only ever keeps a few threads busy; the
         * rest is for injected latency, which sleeps in a handler thread: 64 threads at 100 ms latency is 640 calls/s.
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Where the background activity ({@code PUT /__emulator/activity}) runs and how often it catches up with its
         * rates. Default: a daemon thread of the emulator's own, every second. A zero tick runs nothing by itself:
         * tests then call {@link OrgActivity#runDue()} after moving their clock.
         */
        public Builder activity(java.util.concurrent.ScheduledExecutorService scheduler, Duration tick) {
            this.activityScheduler = scheduler;
            this.activityTick = tick;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(this);
        }
    }
}
