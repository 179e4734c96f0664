package org.calloutcome.router.observe;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the router can take webhooks only while it can store them. DOWN when the database does not answer within
 * a few seconds; a database outage is no reason to restart the router, so liveness ignores it.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private static final long TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("router", "database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // the pool may wait far longer than a probe should for a connection: the answer is bounded here
        CompletableFuture<Boolean> valid = CompletableFuture.supplyAsync(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid((int) TIMEOUT_SECONDS);
            } catch (Exception e) {
                return false;
            }
        });
        try {
            if (valid.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                builder.up();
            } else {
                builder.down().message("the database is unreachable: webhooks cannot be stored");
            }
        } catch (TimeoutException e) {
            builder.down().message("the database did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (Exception e) {
            builder.down().message("the database could not be checked: " + e.getClass().getSimpleName());
        }
    }
}
