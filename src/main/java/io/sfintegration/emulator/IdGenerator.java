package io.sfintegration.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Salesforce ids: a 3-character key prefix, a 2-character pod/instance part, a base-62 counter (15 characters), and
 * the 3-character case-folding checksum that makes the 18-character form (the algorithm Salesforce documents for
 * converting 15- to 18-character ids: for each block of 5 characters, a bit per upper-case letter, mapped to A-Z0-5).
 */
final class IdGenerator {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String CHECKSUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final String instance;

    IdGenerator(String instance) {
        this.instance = instance;
    }

    String next(String keyPrefix) {
        long n = counters.computeIfAbsent(keyPrefix, k -> new AtomicLong(1000)).incrementAndGet();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.insert(0, BASE62.charAt((int) (n % 62)));
            n /= 62;
        }
        return to18(keyPrefix + instance + body);
    }

    /** Starts the counters again, so a re-seeded org gets the same ids (tokens issued for its users stay valid). */
    void reset() {
        counters.clear();
    }

    static String to18(String id15) {
        StringBuilder suffix = new StringBuilder();
        for (int block = 0; block < 3; block++) {
            suffix.append(checksumChar(id15, block));
        }
        return id15 + suffix;
    }

    private static char checksumChar(String id, int block) {
        int bits = 0;
        for (int i = 0; i < 5; i++) {
            char c = id.charAt(block * 5 + i);
            if (c >= 'A' && c <= 'Z') {
                bits |= 1 << i;
            }
        }
        return CHECKSUM.charAt(bits);
    }

    /** Without building the 18-character form: the org rules compare ids this way millions of times in a large org. */
    private static boolean checksumMatches(String id18) {
        for (int block = 0; block < 3; block++) {
            if (Character.toUpperCase(id18.charAt(15 + block)) != checksumChar(id18, block)) {
                return false;
            }
        }
        return true;
    }

    /** The case-sensitive 15-character form used as the store key; null when the text cannot be an id. */
    static String key(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!Character.isLetterOrDigit(id.charAt(i))) {
                return null;
            }
        }
        if (id.length() == 18 && !checksumMatches(id)) {
            return null;
        }
        return id.substring(0, 15);
    }
}
