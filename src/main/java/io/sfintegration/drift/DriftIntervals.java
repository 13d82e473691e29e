package io.sfintegration.drift;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the durations of spec.drift.interval ("30s", "10m", "1h30m"), and stretches them when the budget is short. */
public final class DriftIntervals {

    static final Duration MAX = Duration.ofHours(24);
    private static final Pattern WHOLE = Pattern.compile("^([0-9]+(s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+)(s|m|h)");

    private DriftIntervals() {
    }

    /** The interval, or the fallback when it is missing, malformed or zero. */
    public static Duration parse(String text, Duration fallback) {
        if (text == null || !WHOLE.matcher(text.trim()).matches()) {
            return fallback;
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text.trim());
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total.isZero() ? fallback : total;
    }

    /** The same notation back: 90 minutes is "1h30m". */
    public static String format(Duration d) {
        long seconds = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            out.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || out.length() == 0) {
            out.append(seconds % 60).append('s');
        }
        return out.toString();
    }

    /** Doubles the interval, never beyond 24 hours (a scan a day keeps drift visible even on a starved budget). */
    public static Duration stretch(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(MAX) > 0 ? MAX : doubled;
    }
}
