package dev.voicesession.emulator;

/** The emulator could not start or was used wrongly; carries the context in its message. */
public final class EmulatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public EmulatorException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public EmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
