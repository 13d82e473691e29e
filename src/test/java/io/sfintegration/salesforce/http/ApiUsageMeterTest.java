package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ApiUsageMeterTest {

    @Test
    void readsTheLimitHeader() {
        ApiUsageMeter meter = new ApiUsageMeter(Clock.systemUTC());
        meter.observeHeader("api-usage=880/100000");
        assertThat(meter.lastKnown()).isEqualTo(new ApiLimit(880, 100000));
        meter.observeHeader("garbage");
        assertThat(meter.lastKnown()).isEqualTo(new ApiLimit(880, 100000));
    }

    @Test
    void countsOwnCallsInARolling24Hours() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T00:00:00Z"));
        ApiUsageMeter meter = new ApiUsageMeter(clock);
        meter.recordOwnCall();
        meter.recordOwnCall();
        clock.advance(Duration.ofHours(23));
        meter.recordOwnCall();
        assertThat(meter.ownCallsInWindow()).isEqualTo(3);
        clock.advance(Duration.ofHours(2));
        assertThat(meter.ownCallsInWindow()).isEqualTo(1);
    }

    @Test
    void refusesBackgroundWorkPastTheShare() {
        ApiUsageMeter meter = new ApiUsageMeter(Clock.systemUTC());
        assertThat(meter.backgroundRefusal(10)).isEmpty();
        meter.observe(new ApiLimit(0, 100));
        for (int i = 0; i < 9; i++) {
            meter.recordOwnCall();
        }
        assertThat(meter.backgroundRefusal(10)).isEmpty();
        assertThat(meter.budgetRemaining(10)).isEqualTo(1.0);
        meter.recordOwnCall();
        assertThat(meter.backgroundRefusal(10)).get().asString().contains("share is 10");
    }

    @Test
    void refusesBackgroundWorkWhenTheOrgIsNearlyOutOfCalls() {
        ApiUsageMeter meter = new ApiUsageMeter(Clock.systemUTC());
        meter.observe(new ApiLimit(95, 100));
        assertThat(meter.backgroundRefusal(10)).get().asString().contains("5 of 100");
    }
}
