package io.sfintegration.salesforce.batch;

import java.util.List;

/** One delegate call for a whole batch: returns exactly one result (possibly null) per item, in the items' order. */
@FunctionalInterface
public interface BatchFunction<I, O> {
    List<O> apply(List<I> items);
}
