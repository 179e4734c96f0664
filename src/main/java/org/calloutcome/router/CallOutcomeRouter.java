package org.calloutcome.router;

import org.apache.camel.main.Main;

/** Starts the router: configuration in {@code application.properties}, routes in {@code routes/*.camel.yaml}. */
public final class CallOutcomeRouter {
    public static void main(String[] args) throws Exception {
        new Main(CallOutcomeRouter.class).run(args);
    }
}
