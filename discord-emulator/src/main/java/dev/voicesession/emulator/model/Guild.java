package dev.voicesession.emulator.model;

/**
 * A guild's own fields. Roles, members, channels and voice states are looked up separately.
 *
 * @param id snowflake id, also the id of its {@code @everyone} role
 * @param name guild name
 * @param ownerId the owning user (a simulated human, never the bot unless set so)
 */
public record Guild(long id, String name, long ownerId) {}
