package dev.voicesession.host.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases the host supports, told apart by what the data source's driver reports. */
public enum DatabaseKind {
    /** SQLite: one file, the default. */
    SQLITE("sqlite"),
    /** PostgreSQL, from {@code database.url} or an operator's data source. */
    POSTGRESQL("postgresql");

    private final String id;

    DatabaseKind(String id) {
        this.id = id;
    }

    /**
     * Returns the folder name of this database's migrations ({@code db/host/<id>}).
     *
     * @return {@code sqlite} or {@code postgresql}
     */
    public String id() {
        return id;
    }

    /**
     * Asks a data source which database it is.
     *
     * @param dataSource the host's or the operator's data source
     * @return the kind
     * @throws DatabaseException if no connection can be had, or the database is neither SQLite nor PostgreSQL
     */
    public static DatabaseKind of(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot connect to the database to tell which one it is", e);
        }
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("sqlite")) {
            return SQLITE;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new DatabaseException("The database is '" + product + "'; the host supports SQLite and PostgreSQL", null);
    }
}
