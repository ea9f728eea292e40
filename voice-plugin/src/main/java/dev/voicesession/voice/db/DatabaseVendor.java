package dev.voicesession.voice.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases the plugin supports, with the name each goes by in the migration folders ({@code
 * db/voice/<folder>}) and as MyBatis's {@code databaseId}.
 */
public enum DatabaseVendor {

    /** SQLite, the host's default embedded file. */
    SQLITE("SQLite", "sqlite"),
    /** PostgreSQL, for bots that outgrow one file. */
    POSTGRESQL("PostgreSQL", "postgresql");

    private final String productName;
    private final String id;

    DatabaseVendor(String productName, String id) {
        this.productName = productName;
        this.id = id;
    }

    /**
     * Returns the JDBC product name the driver reports.
     *
     * @return the product name, such as {@code PostgreSQL}
     */
    public String productName() {
        return productName;
    }

    /**
     * Returns the vendor's folder under {@code db/voice} and its MyBatis {@code databaseId}.
     *
     * @return {@code sqlite} or {@code postgresql}
     */
    public String id() {
        return id;
    }

    /**
     * Asks a data source which database it is.
     *
     * @param dataSource the host's data source
     * @return the vendor
     * @throws VoiceDatabaseException if no connection can be had, or the database is neither SQLite nor
     *     PostgreSQL
     */
    public static DatabaseVendor of(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new VoiceDatabaseException("Cannot tell which database the host's data source is", e);
        }
        for (DatabaseVendor vendor : values()) {
            if (vendor.productName.equalsIgnoreCase(product)) {
                return vendor;
            }
        }
        throw new VoiceDatabaseException("The voice plugin supports SQLite and PostgreSQL, but the host's database is '"
                + product + "'; configure database.path (SQLite) or a jdbc:postgresql:// database.url", null);
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
