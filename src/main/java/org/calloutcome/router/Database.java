package org.calloutcome.router;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, migrated to the current schema at start and closed when Camel stops. */
final class Database {
    /** The newest migration in {@code db/migration}; a test holds it to the files. */
    static final int SCHEMA_VERSION = 13;
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {
    }

    static DataSource open(CamelContext context, Settings settings) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("call-log");
        config.setJdbcUrl(settings.get("router.db.url").orElseThrow(
                () -> new IllegalStateException("router.db.url (DB_URL) is not set")));
        settings.get("router.db.user").ifPresent(config::setUsername);
        settings.get("router.db.password").ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.integer("router.db.pool-size"));
        settings.get("router.db.schema").ifPresent(config::setSchema);
        HikariDataSource dataSource = new HikariDataSource(config);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        }, true, true);

        if (current(dataSource)) {
            LOG.info("Call log database ready at {} (schema version {})", redacted(config.getJdbcUrl()),
                    SCHEMA_VERSION);
            return dataSource;
        }
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration");
        settings.get("router.db.schema").ifPresent(schema -> flyway.schemas(schema).createSchemas(true));
        int applied = flyway.load()
                .migrate().migrationsExecuted;
        LOG.info("Call log database ready at {} ({} migration(s) applied)", redacted(config.getJdbcUrl()), applied);
        return dataSource;
    }

    /**
     * Whether Flyway's history already records the newest migration, so that a start (every instance, every restart)
     * does not load and run Flyway only to learn there is nothing to do. Flyway then does not validate the checksums of
     * applied migrations: an applied migration is never edited, a new one is added.
     */
    private static boolean current(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = ? AND \"success\"")) {
            query.setString(1, String.valueOf(SCHEMA_VERSION));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        } catch (SQLException noHistoryYet) {
            return false;
        }
    }

    /** The JDBC URL without its query string, which may hold a password. */
    private static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }
}
