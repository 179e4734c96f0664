package org.calloutcome.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.DefaultRoutesCollector;
import org.apache.camel.main.MainConstants;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;

/**
 * The configuration folder outside the jar, {@code ROUTER_CONFIG_DIR} (a mounted ConfigMap, say): keys of its
 * {@code application.properties} override the packaged ones one by one; a {@code routes/<name>.camel.yaml} there
 * replaces the packaged route file of that name (any other is added) and is reloaded when it changes; and a file of
 * {@code templates/} replaces the packaged alert template of that name ({@code router.config-dir}, read by the mail
 * sink).
 */
public record ConfigurationFolder(Path folder) {
    public static final String VARIABLE = "ROUTER_CONFIG_DIR";

    /** The folder {@code ROUTER_CONFIG_DIR} names, if it is set. */
    public static Optional<ConfigurationFolder> fromEnvironment() {
        String folder = System.getenv(VARIABLE);
        return folder == null || folder.isBlank() ? Optional.empty()
                : Optional.of(new ConfigurationFolder(Path.of(folder).toAbsolutePath()));
    }

    /** Before the router starts: its properties first, its routes in place of the packaged ones, reloaded. */
    public void applyTo(BaseMainSupport main) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(VARIABLE + " names no folder: " + folder);
        }
        applyPropertiesTo(main);
        Path routes = folder.resolve("routes");
        if (Files.isDirectory(routes)) {
            main.setRoutesCollector(new FolderRoutes(routes));
            main.configure().setRoutesReloadEnabled(true);
            main.configure().setRoutesReloadDirectory(routes.toString());
            main.configure().setRoutesReloadPattern("*.camel.yaml");
            main.configure().setRoutesReloadRemoveAllRoutes(false);
        }
    }

    /** Only its properties, first: for a tool that reads the router's settings and runs no route. */
    public void applyPropertiesTo(BaseMainSupport main) {
        // of several locations, the first one that has a key wins
        main.setDefaultPropertyPlaceholderLocation("file:" + folder.resolve("application.properties")
                + ";optional=true," + MainConstants.DEFAULT_PROPERTY_PLACEHOLDER_LOCATION);
    }

    /** The route files the include pattern finds, each replaced by the folder's file of its name, and the folder's. */
    private static final class FolderRoutes extends DefaultRoutesCollector {
        private final Path routes;

        FolderRoutes(Path routes) {
            this.routes = routes;
        }

        @Override
        public Collection<Resource> findRouteResourcesFromDirectory(CamelContext context, String excludePattern,
                String includePattern) {
            List<Resource> found = new ArrayList<>();
            try (Stream<Path> files = Files.list(routes)) {
                List<Path> own = files.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted()
                        .toList();
                Set<String> replaced = own.stream().map(file -> file.getFileName().toString())
                        .collect(Collectors.toSet());
                for (Resource packaged : super.findRouteResourcesFromDirectory(context, excludePattern,
                        includePattern)) {
                    if (!replaced.contains(Path.of(packaged.getLocation().replaceFirst("^[a-z]+:", "")).getFileName()
                            .toString())) {
                        found.add(packaged);
                    }
                }
                for (Path file : own) {
                    found.add(ResourceHelper.resolveResource(context, "file:" + file));
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the routes of " + routes, e);
            }
            return found;
        }
    }
}
