package dev.voicesession.emulator.model;

/**
 * A guild role. The {@code @everyone} role has the guild's id.
 *
 * @param id snowflake id
 * @param guildId the guild the role belongs to
 * @param name role name
 * @param permissions permission bits granted guild-wide
 * @param position sort position, 0 for {@code @everyone}
 * @param color primary colour as RGB, 0 for none
 * @param hoist shown separately in the member list
 * @param mentionable whether anyone can mention it
 */
public record Role(
        long id, long guildId, String name, long permissions, int position, int color, boolean hoist, boolean mentionable) {

    /** Returns this role with other permission bits. */
    public Role withPermissions(long newPermissions) {
        return new Role(id, guildId, name, newPermissions, position, color, hoist, mentionable);
    }
}
