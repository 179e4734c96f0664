package org.calloutcome.router;

import org.apache.camel.main.Main;

/**
 * Starts the router: configuration in {@code application.properties}, routes in {@code routes/*.camel.yaml}, and what
 * a configuration folder ({@code ROUTER_CONFIG_DIR}) puts in their place.
 */
public final class CallOutcomeRouter {
    public static void main(String[] args) throws Exception {
        Main main = new Main(CallOutcomeRouter.class);
        ConfigurationFolder.fromEnvironment().ifPresent(folder -> folder.applyTo(main));
        main.run(args);
    }
}
