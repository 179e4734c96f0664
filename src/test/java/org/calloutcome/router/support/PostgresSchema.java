package org.calloutcome.router.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** The tests' PostgreSQL (database test on this machine's server) and an empty schema of a test's own in it. */
public final class PostgresSchema {
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private PostgresSchema() {
    }

    /** The schema, emptied: what an earlier run left in it is dropped. */
    public static DataSource fresh(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", null);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(URL);
        dataSource.setUser("postgres");
        dataSource.setCurrentSchema(schema);
        return dataSource;
    }
}
