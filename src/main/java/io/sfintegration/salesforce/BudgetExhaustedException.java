package io.sfintegration.salesforce;

/**
 * Background work (drift scans) was refused because the operator has used its share of the org's daily API
 * allocation (spec.apiBudget.maxDailyPercent). Changes people asked for are still served.
 */
public class BudgetExhaustedException extends SalesforceException {
    public BudgetExhaustedException(String message) {
        super(message, false, null);
    }
}
