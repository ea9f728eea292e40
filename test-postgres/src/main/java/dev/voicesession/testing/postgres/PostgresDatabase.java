package dev.voicesession.testing.postgres;

/**
 * One database of the test cluster.
 *
 * @param url its JDBC URL, {@code jdbc:postgresql://127.0.0.1:<port>/<name>}
 * @param user the user to connect as
 * @param password that user's password
 * @param name the database name
 */
public record PostgresDatabase(String url, String user, String password, String name) {

    @Override
    public String toString() {
        return "PostgresDatabase[" + url + ", user " + user + "]";
    }
}
