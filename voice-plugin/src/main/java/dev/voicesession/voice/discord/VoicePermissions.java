package dev.voicesession.voice.discord;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;

/** The permissions the plugin needs and the exact overwrite bits it puts on its channels. */
public final class VoicePermissions {

    /** What the bot needs in the target category to create and use a session channel. */
    public static final Set<Permission> REQUIRED = Set.copyOf(EnumSet.of(
            Permission.MANAGE_CHANNEL, Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT, Permission.VOICE_SPEAK));

    /** Allowed to the user and to the bot on the channel: view, connect, speak. */
    public static final long MEMBER_ALLOW =
            Permission.getRaw(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT, Permission.VOICE_SPEAK);

    /** Denied to {@code @everyone} on the channel: view, connect. */
    public static final long EVERYONE_DENY = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT);

    private VoicePermissions() {}

    /**
     * Names permissions the way Discord's client shows them, for example {@code Manage Channels,
     * Connect}.
     *
     * @param permissions the permissions
     * @return their names joined by commas, in a stable order
     */
    public static String describe(Set<Permission> permissions) {
        return EnumSet.copyOf(permissions).stream().map(Permission::getName).collect(Collectors.joining(", "));
    }
}
