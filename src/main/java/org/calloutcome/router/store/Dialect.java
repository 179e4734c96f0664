package org.calloutcome.router.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * What differs between the two databases the router runs on. PostgreSQL claims rows with one
 * {@code UPDATE ... RETURNING} over {@code FOR UPDATE SKIP LOCKED}, so that workers of several instances never wait
 * on each other; the embedded H2 file opens in one process only, so there a claim is guarded by a lock in the JVM.
 */
public enum Dialect {
    POSTGRESQL, H2;

    public static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database " + dataSource + " is", e);
        }
    }

    /**
     * A claim: an UPDATE of {@code table} setting {@code set} on the rows whose {@code key} {@code candidates} (a SELECT)
     * picks, returning
     * {@code columns} of the rows it changed.
     */
    public String claim(String table, String key, String set, String candidates, String columns) {
        if (this == POSTGRESQL) {
            return "UPDATE " + table + " SET " + set + " WHERE " + key + " IN (" + candidates
                    + " FOR UPDATE SKIP LOCKED) RETURNING " + columns;
        }
        return "SELECT " + columns + " FROM FINAL TABLE (UPDATE " + table + " SET " + set + " WHERE " + key + " IN ("
                + candidates + "))";
    }
}
