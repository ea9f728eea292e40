package dev.voicesession.host.queue;

import java.io.Serial;

/** The store refused a request because its user already has one (the one-request-per-user constraint). */
public class DuplicateRequestException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient StoredRequest existing;

    /**
     * Creates the exception.
     *
     * @param userId the user
     * @param existing the user's stored request, or {@code null} if it ended meanwhile
     * @param cause the database's refusal
     */
    public DuplicateRequestException(long userId, StoredRequest existing, Throwable cause) {
        super("User '" + userId + "' already has a stored request" + (existing == null ? "" : " ('" + existing.id() + "')"),
                cause);
        this.existing = existing;
    }

    /**
     * Returns the user's stored request.
     *
     * @return the request, or {@code null} if it ended before it could be read
     */
    public StoredRequest existing() {
        return existing;
    }
}
