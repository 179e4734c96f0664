package db.migration;

import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Claims read the due index in the order they take rows: ordered by due time alone, a delivery claim sorted every due
 * row of its sink before taking the first few (25 ms with 35,000 waiting). On PostgreSQL the due and state indexes
 * also hold only unfinished rows, so finishing a row adds nothing to them and they stay small while the tables grow;
 * H2 has no partial indexes and keeps them whole. (A Java migration: the two databases need different statements.)
 */
public class V6__Claim_indexes extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = context.getConnection().getMetaData().getDatabaseProductName()
                .toLowerCase(Locale.ROOT).contains("postgres");
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("DROP INDEX delivery_due");
            statement.execute("CREATE INDEX delivery_due ON delivery (sink, next_attempt_at, id)"
                    + (postgres ? " WHERE next_attempt_at IS NOT NULL" : ""));
            if (postgres) {
                statement.execute("DROP INDEX inbox_due");
                statement.execute("CREATE INDEX inbox_due ON inbox (next_attempt_at) WHERE next_attempt_at IS NOT NULL");
                statement.execute("DROP INDEX inbox_status");
                statement.execute("CREATE INDEX inbox_status ON inbox (status)"
                        + " WHERE status IN ('RECEIVED', 'PROCESSING', 'FAILED', 'DEAD')");
                statement.execute("DROP INDEX delivery_status");
                statement.execute("CREATE INDEX delivery_status ON delivery (status)"
                        + " WHERE status IN ('PENDING', 'PROCESSING', 'FAILED', 'SKIPPED', 'DEAD')");
                // payload retention looks for processed rows not yet redacted
                statement.execute("DROP INDEX inbox_processed");
                statement.execute("CREATE INDEX inbox_processed ON inbox (processed_at)"
                        + " WHERE processed_at IS NOT NULL AND redacted_at IS NULL");
            }
        }
    }
}
