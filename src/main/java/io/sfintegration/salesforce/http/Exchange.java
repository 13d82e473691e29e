package io.sfintegration.salesforce.http;

/** The raw HTTP exchange with one org: 2xx answers come back, everything else is thrown as a SalesforceException. */
interface Exchange {
    ApiResponse send(ApiRequest request);
}
