package dev.voicesession.voice.discord;

import java.util.Set;
import net.dv8tion.jda.api.Permission;

/**
 * The result of checking the bot's permissions where a session channel would be created.
 *
 * @param missing the permissions the bot lacks, empty if it has them all
 * @param where where they were checked, for messages ({@code category 'Voice'} or {@code the server})
 */
public record PermissionCheck(Set<Permission> missing, String where) {

    /** Copies the components. */
    public PermissionCheck {
        missing = Set.copyOf(missing);
    }

    /**
     * Tells whether the bot has every permission it needs.
     *
     * @return {@code true} if nothing is missing
     */
    public boolean ok() {
        return missing.isEmpty();
    }
}
