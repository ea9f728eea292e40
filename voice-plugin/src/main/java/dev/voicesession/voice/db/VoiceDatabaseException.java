package dev.voicesession.voice.db;

import java.io.Serial;

/** A voice session database call failed. The message names the operation and the ids involved. */
public class VoiceDatabaseException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the operation and its ids
     * @param cause what the driver or MyBatis threw
     */
    public VoiceDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
