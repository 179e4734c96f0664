package org.calloutcome.router.intake;

/** A webhook refused with an HTTP status and a JSON body that names the problem. Nothing is stored. */
public class WebhookRejection extends RuntimeException {
    private final int status;
    private final String error;

    public WebhookRejection(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }

    public static WebhookRejection unauthorized(String error, String message) {
        return new WebhookRejection(401, error, message);
    }
}
