package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.model.ApplicationCommand;
import java.util.ArrayList;
import java.util.List;

/** Global and guild application commands the bot registers (JDA's {@code updateCommands()} and friends). */
public final class CommandService {
    private final EmulatorState state;
    private final Access access;

    /** Creates the service. */
    public CommandService(EmulatorState state, Access access) {
        this.state = state;
        this.access = access;
    }

    /** {@code PUT .../commands}: replaces every command of the scope; existing names keep their ids. */
    public List<ApplicationCommand> bulkOverwrite(Long guildId, JsonNode body) {
        synchronized (state) {
            checkScope(guildId);
            if (!body.isArray()) {
                throw DiscordException.invalidFormBody("_", "BASE_TYPE_ARRAY", "Must be an array.");
            }
            List<ApplicationCommand> previous = state.commands(guildId);
            previous.forEach(c -> state.removeCommand(c.id()));
            List<ApplicationCommand> result = new ArrayList<>();
            for (JsonNode definition : body) {
                String name = name(definition);
                int type = definition.path("type").asInt(1);
                long id = previous.stream()
                        .filter(c -> c.name().equals(name) && c.json().path("type").asInt(1) == type)
                        .map(ApplicationCommand::id)
                        .findFirst()
                        .orElseGet(() -> state.ids().next());
                ApplicationCommand command = build(id, guildId, definition);
                state.putCommand(command);
                result.add(command);
            }
            return result;
        }
    }

    /** {@code POST .../commands}: creates or replaces the command with the same name. */
    public ApplicationCommand upsert(Long guildId, JsonNode body) {
        synchronized (state) {
            checkScope(guildId);
            String name = name(body);
            long id = state.commands(guildId).stream()
                    .filter(c -> c.name().equals(name))
                    .map(ApplicationCommand::id)
                    .findFirst()
                    .orElseGet(() -> state.ids().next());
            ApplicationCommand command = build(id, guildId, body);
            state.putCommand(command);
            return command;
        }
    }

    /** {@code PATCH .../commands/{id}}: merges the given fields. */
    public ApplicationCommand edit(Long guildId, long commandId, JsonNode body) {
        synchronized (state) {
            ApplicationCommand existing = get(guildId, commandId);
            ObjectNode merged = existing.json().deepCopy();
            body.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
            ApplicationCommand command = build(commandId, guildId, merged);
            state.putCommand(command);
            return command;
        }
    }

    /** {@code DELETE .../commands/{id}}. */
    public void delete(Long guildId, long commandId) {
        synchronized (state) {
            get(guildId, commandId);
            state.removeCommand(commandId);
        }
    }

    /** {@code GET .../commands}. */
    public List<ApplicationCommand> list(Long guildId) {
        checkScope(guildId);
        return state.commands(guildId);
    }

    /** {@code GET .../commands/{id}}. */
    public ApplicationCommand get(Long guildId, long commandId) {
        checkScope(guildId);
        return state.command(commandId)
                .filter(c -> guildId == null ? c.guildId() == null : guildId.equals(c.guildId()))
                .orElseThrow(DiscordException::unknownCommand);
    }

    private void checkScope(Long guildId) {
        if (guildId != null) {
            access.botGuild(guildId);
        }
    }

    private static String name(JsonNode definition) {
        String name = definition.path("name").asText("");
        if (name.isEmpty() || name.length() > 32) {
            throw DiscordException.invalidFormBody("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.");
        }
        return name;
    }

    private ApplicationCommand build(long id, Long guildId, JsonNode definition) {
        ObjectNode json = definition.deepCopy();
        json.put("id", Json.id(id));
        json.put("application_id", Json.id(state.bot().id()));
        json.put("version", Json.id(state.ids().next()));
        if (guildId != null) {
            json.put("guild_id", Json.id(guildId));
        }
        if (!json.has("type")) {
            json.put("type", 1);
        }
        if (!json.has("description")) {
            json.put("description", "");
        }
        if (!json.has("default_member_permissions")) {
            json.putNull("default_member_permissions");
        }
        if (!json.has("nsfw")) {
            json.put("nsfw", false);
        }
        if (!json.has("options")) {
            json.putArray("options");
        }
        return new ApplicationCommand(id, guildId, json.path("name").asText(), json);
    }
}
