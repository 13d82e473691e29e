package io.sfintegration.salesforce;

/** The org's daily API usage: used of max in the rolling 24 hours. */
public record ApiLimit(long used, long max) {
    public long remaining() {
        return Math.max(0, max - used);
    }
}
