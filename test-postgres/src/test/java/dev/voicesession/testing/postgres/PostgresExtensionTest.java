package dev.voicesession.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    @DisplayName("a database of its own on a loopback-only server run by a non-root user, with a password")
    void database(PostgresDatabase database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            assertThat(query(connection, "SELECT current_database()")).isEqualTo(database.name());
            assertThat(query(connection, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(query(connection, "SHOW unix_socket_directories")).isEmpty();
        }
        assertThat(database.url()).startsWith("jdbc:postgresql://127.0.0.1:" + PostgresCluster.shared().port() + "/");
        assertThat(database.toString()).doesNotContain(database.password());
        assertThatThrownBy(() -> DriverManager.getConnection(database.url(), database.user(), "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    @DisplayName("every test class gets the same database; another class gets another")
    void sameDatabaseWithinClass(PostgresDatabase database) {
        PostgresDatabase other = PostgresCluster.shared().createDatabase("other");

        assertThat(other.name()).isNotEqualTo(database.name());
        assertThat(other.url()).isNotEqualTo(database.url());
    }
}
