package org.calloutcome.router.sink.salesforce;

/** Salesforce refused the data itself (invalid field, restricted picklist value, validation rule...): retrying won't help. */
public class SalesforceRefusal extends RuntimeException {
    public SalesforceRefusal(String errorCode, String message) {
        super(errorCode + ": " + message, null, false, false);
    }
}
