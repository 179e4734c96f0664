package org.calloutcome.router.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Small JDBC helpers shared by the durable tables. Statements join the transaction open on the calling thread (see
 * {@link #inTransaction}), the same one camel-sql endpoints join, and run in autocommit otherwise. Times are the
 * database's ({@code CURRENT_TIMESTAMP}), never a JVM's clock, so that several instances agree on them.
 */
public final class Sql {
    /** {@code CURRENT_TIMESTAMP} plus a number of seconds given as the next parameter. */
    public static final String NOW_PLUS_SECONDS = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '1' SECOND";

    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    public interface Work<T> {
        T run() throws Exception;
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final TransactionTemplate transactions;
    private final ReentrantLock embeddedClaims = new ReentrantLock();

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
        this.dialect = Dialect.of(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) throws Exception {
        try {
            return transactions.execute(status -> {
                try {
                    return work.run();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new Rollback(e);
                }
            });
        } catch (Rollback e) {
            throw (Exception) e.getCause();
        }
    }

    public int update(String sql, Object... parameters) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    /** One statement, many parameter rows, one round trip; the update count of each row. */
    public int[] batch(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(statement, row);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    /** A query, or a statement that returns rows ({@code UPDATE ... RETURNING}). */
    public <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                    ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        });
    }

    /**
     * A query read row by row, a few hundred rows at a time (PostgreSQL: a cursor, which wants a transaction): for
     * exports of any length, never held in memory whole.
     */
    public void forEach(String sql, RowVisitor visitor, Object... parameters) throws SQLException {
        withConnection(connection -> {
            boolean own = connection.getAutoCommit(); // else a transaction of the caller's holds the cursor
            if (own) {
                connection.setAutoCommit(false);
            }
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.setFetchSize(500);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        visitor.visit(rows);
                    }
                }
            } finally {
                if (own) {
                    connection.rollback(); // it only read
                    connection.setAutoCommit(true);
                }
            }
            return null;
        });
    }

    /** What a streamed query does with each row. */
    @FunctionalInterface
    public interface RowVisitor {
        void visit(ResultSet row) throws SQLException;
    }

    /**
     * A claim statement (see {@link Dialect#claim}) and the rows it took. On H2, which skips no locked rows, claims
     * take turns.
     */
    public <T> List<T> claim(String statement, RowReader<T> reader, Object... parameters) throws Exception {
        if (dialect == Dialect.POSTGRESQL) {
            // A claim reads its due index in order and stops after a batch. Without table statistics (a new table),
            // or with those of a calm day (nearly every row finished), PostgreSQL expects a handful of due rows and
            // fetches and sorts them all instead: 20 to 250 ms a claim during a burst. Without sorting, only the
            // ordered index scan is left.
            return inTransaction(() -> {
                update("SET LOCAL enable_sort = off");
                return query(statement, reader, parameters);
            });
        }
        embeddedClaims.lock();
        try {
            return query(statement, reader, parameters);
        } finally {
            embeddedClaims.unlock();
        }
    }

    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(ConnectionWork<T> work) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return work.run(connection);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(statement, parameters);
        return statement;
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    /** "?, ?, ?" for an IN list. */
    public static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** Carries a checked exception out of Spring's transaction callback. */
    private static final class Rollback extends RuntimeException {
        Rollback(Exception cause) {
            super(cause);
        }
    }
}
