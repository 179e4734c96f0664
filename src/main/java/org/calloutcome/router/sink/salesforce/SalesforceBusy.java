package org.calloutcome.router.sink.salesforce;

/** A Salesforce error that goes away by itself (a locked row, a server error): the delivery is retried later. */
public class SalesforceBusy extends RuntimeException {
    public SalesforceBusy(String errorCode, String message) {
        super(errorCode + ": " + message, null, false, false);
    }
}
