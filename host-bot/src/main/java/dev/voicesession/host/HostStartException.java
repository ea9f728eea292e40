package dev.voicesession.host;

import java.io.Serial;

/** The host could not start; the message says what to check. Anything already started was stopped. */
public class HostStartException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to check
     * @param cause the underlying error
     */
    public HostStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
