package dev.voicesession.host.queue;

import java.io.Serial;

/** The queue could not accept a request, for example because its status message could not be sent. */
public class QueueException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the request
     * @param cause the underlying error
     */
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
