package dev.voicesession.host.db;

import java.io.Serial;

/** The host could not open or use its database. */
public class DatabaseException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the database file
     * @param cause the underlying error
     */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
