package org.calloutcome.router;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A database written before accounts were part of the keys (schema version 10), migrated to today's: its rows keep
 * their accounts, sink work of an account other than the default one keeps being recognised (its key names the
 * account, as new work's does), and a sequence and its steps take the account of the event that wrote them.
 */
class AccountMigrationTest {
    private static final String EVENT_OF_A = "11111111-1111-1111-1111-111111111111";
    private static final String EVENT_OF_DEFAULT = "22222222-2222-2222-2222-222222222222";

    private static DataSource database(String kind) throws Exception {
        if (kind.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:account-migration;DB_CLOSE_DELAY=-1");
            try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP ALL OBJECTS");
            }
            return h2;
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=call_router_migration");
        postgres.setUser("postgres");
        try (Connection connection = postgres.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS call_router_migration CASCADE");
        }
        return postgres;
    }

    private static Flyway flyway(DataSource dataSource, String kind, String target) {
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .target(target);
        if (kind.equals("postgresql")) {
            configuration.schemas("call_router_migration").createSchemas(true);
        }
        return configuration.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void rowsFromBeforeKeepTheirAccountsAndTheirWorkIsRecognised(String kind) throws Exception {
        DataSource dataSource = database(kind);
        flyway(dataSource, kind, "10").migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String[] event : new String[][] {{EVENT_OF_A, "clinic-a"}, {EVENT_OF_DEFAULT, "default"}}) {
                statement.execute("INSERT INTO inbox (event_id, vendor, event_kind, vendor_event_id, payload,"
                        + " received_at, status, account) VALUES ('" + event[0] + "', 'clarion', 'sequence-ended',"
                        + " 'seq-" + event[1] + "', '{}', CURRENT_TIMESTAMP, 'PROCESSED', '" + event[1] + "')");
                statement.execute("INSERT INTO delivery (sink, delivery_key, rule, event_id, vendor, event_kind,"
                        + " subject_id, status, created_at) VALUES ('mail', 'opt-out|clarion|sequence-ended|seq-"
                        + event[1] + "', 'opt-out', '" + event[0] + "', 'clarion', 'sequence-ended', 'seq-"
                        + event[1] + "', 'DONE', CURRENT_TIMESTAMP)");
                statement.execute("INSERT INTO call_sequence (vendor, vendor_sequence_id, last_event_id, received_at,"
                        + " connectivity, business_outcome, opt_out, escalation, callback_requested, converted,"
                        + " updated_at) VALUES ('clarion', 'seq-" + event[1] + "', '" + event[0] + "',"
                        + " CURRENT_TIMESTAMP, 'CONNECTED', 'OPTED_OUT', TRUE, FALSE, FALSE, FALSE, CURRENT_TIMESTAMP)");
                statement.execute("INSERT INTO sequence_step (vendor, vendor_sequence_id, step, step_type)"
                        + " VALUES ('clarion', 'seq-" + event[1] + "', 1, 'call')");
            }
        }

        flyway(dataSource, kind, "latest").migrate();

        assertEquals(List.of("opt-out|clarion|sequence-ended|seq-clinic-a|clinic-a",
                "opt-out|clarion|sequence-ended|seq-default"),
                column(dataSource, "SELECT delivery_key FROM delivery ORDER BY delivery_key"),
                "the key of an account's work names it, as DeliveryKeys builds it today; the default's is unchanged");
        assertEquals(List.of("seq-clinic-a clinic-a", "seq-default default"), column(dataSource,
                "SELECT vendor_sequence_id || ' ' || account FROM call_sequence ORDER BY vendor_sequence_id"));
        assertEquals(List.of("seq-clinic-a clinic-a", "seq-default default"), column(dataSource,
                "SELECT vendor_sequence_id || ' ' || account FROM sequence_step ORDER BY vendor_sequence_id"));
        // and the keys now take one id in two accounts
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO call_sequence (vendor, account, vendor_sequence_id, last_event_id,"
                    + " received_at, connectivity, business_outcome, opt_out, escalation, callback_requested,"
                    + " converted, updated_at) VALUES ('clarion', 'clinic-b', 'seq-clinic-a', '" + EVENT_OF_A + "',"
                    + " CURRENT_TIMESTAMP, 'CONNECTED', 'RESOLVED', FALSE, FALSE, FALSE, FALSE, CURRENT_TIMESTAMP)");
            statement.execute("INSERT INTO sequence_step (vendor, account, vendor_sequence_id, step, step_type)"
                    + " VALUES ('clarion', 'clinic-b', 'seq-clinic-a', 1, 'call')");
        }
        assertEquals(List.of("2"), column(dataSource,
                "SELECT CAST(COUNT(*) AS VARCHAR(10)) FROM sequence_step WHERE vendor_sequence_id = 'seq-clinic-a'"));
    }

    private static List<String> column(DataSource dataSource, String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
