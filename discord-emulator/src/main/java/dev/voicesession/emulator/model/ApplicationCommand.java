package dev.voicesession.emulator.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An application command registered by the bot, globally ({@code guildId} null) or for one guild.
 *
 * @param id snowflake id
 * @param guildId guild for a guild command, {@code null} for a global one
 * @param name command name
 * @param json the full command object as Discord returns it
 */
public record ApplicationCommand(long id, Long guildId, String name, ObjectNode json) {}
