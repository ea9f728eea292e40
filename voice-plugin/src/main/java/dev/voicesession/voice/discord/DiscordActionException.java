package dev.voicesession.voice.discord;

import java.io.Serial;
import java.util.Set;
import net.dv8tion.jda.api.Permission;

/**
 * A Discord call failed. Carries the Discord error code when there is one and the permissions that
 * were missing when the failure was a permission error.
 */
public class DiscordActionException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final transient Set<Permission> missing;
    private final boolean ambiguous;

    /**
     * Creates the exception.
     *
     * @param message what failed, with ids
     * @param errorCode Discord's JSON error code, or 0
     * @param missing permissions known to be missing, empty if none or unknown
     * @param ambiguous {@code true} if the call may have taken effect even though it failed (time-out)
     * @param cause the underlying failure, or {@code null}
     */
    public DiscordActionException(
            String message, int errorCode, Set<Permission> missing, boolean ambiguous, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.missing = Set.copyOf(missing);
        this.ambiguous = ambiguous;
    }

    /**
     * Returns Discord's JSON error code.
     *
     * @return the code, for example 50013, or 0 if the failure had none
     */
    public int errorCode() {
        return errorCode;
    }

    /**
     * Returns the permissions known to be missing.
     *
     * @return the permissions, empty if unknown
     */
    public Set<Permission> missing() {
        return missing == null ? Set.of() : missing;
    }

    /**
     * Tells whether the failure was Missing Permissions (50013) or Missing Access (50001).
     *
     * @return {@code true} for a permission failure
     */
    public boolean isPermissionError() {
        return errorCode == 50013 || errorCode == 50001 || !missing().isEmpty();
    }

    /**
     * Tells whether the call may have taken effect although it failed.
     *
     * @return {@code true} after a time-out or a lost response
     */
    public boolean ambiguous() {
        return ambiguous;
    }
}
