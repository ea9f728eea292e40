package dev.voicesession.bench;

/** A benchmark could not run as planned: the host did not start, an expected request never came, and so on. */
public final class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public BenchException(String message) {
        super(message);
    }

    /** An exception with a message and its cause. */
    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
