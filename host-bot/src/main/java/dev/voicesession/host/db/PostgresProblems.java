package dev.voicesession.host.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Turns what the PostgreSQL driver says when the host opens its pool into one paragraph an operator can
 * act on: which server (the URL, never a password), what is wrong, and what to do about it.
 */
final class PostgresProblems {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&]*");
    private static final Pattern USER_INFO = Pattern.compile("(?i)^(jdbc:postgresql://)[^/@]*@");

    private PostgresProblems() {}

    /**
     * Removes what may be a secret from a JDBC URL: a {@code password} parameter and a user-info part.
     *
     * @param url the URL as configured
     * @return the URL safe to show
     */
    static String withoutSecrets(String url) {
        String shown = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(shown).replaceFirst("$1***@");
    }

    /**
     * Describes why the pool cannot be opened.
     *
     * @param url the URL without secrets
     * @param user the configured user, or {@code null}
     * @param error what Hikari threw, with the driver's exception in its causes
     * @return the message
     */
    static String describe(String url, String user, Throwable error) {
        String who = user == null ? "the driver's default user" : "user '" + user + "'";
        String state = sqlState(error);
        String detail = detail(error);
        if (state != null && state.startsWith("28")) {
            return "PostgreSQL at '" + url + "' refused " + who + " (" + detail + "): check database.user and"
                    + " database.password (or DATABASE_USER and DATABASE_PASSWORD), and that the server's pg_hba.conf"
                    + " lets this user connect from this machine";
        }
        if ("3D000".equals(state)) {
            return "PostgreSQL at '" + url + "' has no such database (" + detail + "): create it (CREATE DATABASE"
                    + " ... OWNER ...) or correct the database name at the end of database.url";
        }
        if ("42501".equals(state)) {
            return "PostgreSQL at '" + url + "' does not let " + who + " connect (" + detail + "): grant it CONNECT"
                    + " on the database, or use another user in database.user";
        }
        if (unreachable(error, state)) {
            return "Cannot reach PostgreSQL at '" + url + "' (" + detail + "): start the server, or correct the host"
                    + " and port in database.url (or DATABASE_URL), and check that the server listens on that address"
                    + " (listen_addresses) and that no firewall is in the way";
        }
        return "Cannot open PostgreSQL database '" + url + "' as " + who + " (" + detail + "): check database.url,"
                + " database.user and database.password, and the server's log";
    }

    private static boolean unreachable(Throwable error, String state) {
        if (state != null && state.startsWith("08")) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The driver's own words: the innermost SQL exception's message, else the root cause's. */
    private static String detail(Throwable error) {
        String detail = null;
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                detail = t.getMessage();
            }
            root = t;
        }
        if (detail == null) {
            detail = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        }
        return detail.replaceAll("\\s+", " ").strip();
    }
}
