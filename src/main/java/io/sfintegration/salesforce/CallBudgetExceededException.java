package io.sfintegration.salesforce;

/**
 * A reconcile asked for one Salesforce call more than its stated budget allows (README "API call budget"). The call
 * was not sent. Retryable for the controller (its retry waits longer each time, 1 s growing to an hour), never retried
 * by the HTTP client: a new attempt of the reconcile starts with a new budget.
 */
public class CallBudgetExceededException extends SalesforceException {

    private final String reconcile;
    private final int limit;

    public CallBudgetExceededException(String reconcile, int limit, String resource) {
        super("the reconcile of " + reconcile + " used its budget of " + limit + " Salesforce calls; the call to "
                + resource + " was not sent and the reconcile is retried later with backoff", true, null);
        this.reconcile = reconcile;
        this.limit = limit;
    }

    public String reconcile() {
        return reconcile;
    }

    public int limit() {
        return limit;
    }
}
