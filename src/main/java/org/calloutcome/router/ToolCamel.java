package org.calloutcome.router;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Camel with the router's settings (application.properties, {@code ROUTER_CONFIG_DIR}, the environment) and no route,
 * no server, no database: what an admin's check runs in ({@code scripts/check-salesforce.sh},
 * {@code scripts/check-alerts.sh}), so that it uses exactly the router's configuration.
 */
public record ToolCamel(Main main) implements AutoCloseable {

    /**
     * Starts it, with these overrides ({@code key=value}); {@code configure} sees the context before it starts, as the
     * router's configuration classes do (components are configured there).
     */
    public static ToolCamel start(Consumer<CamelContext> configure, String... overrides) throws Exception {
        Main main = new Main();
        ConfigurationFolder.fromEnvironment().ifPresent(folder -> folder.applyPropertiesTo(main));
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:no-routes-here/*.yaml");
        for (String override : overrides) {
            main.addOverrideProperty(override.substring(0, override.indexOf('=')),
                    override.substring(override.indexOf('=') + 1));
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                configure.accept(configured.getCamelContext());
            }
        });
        main.start();
        return new ToolCamel(main);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
