package dev.voicesession.emulator.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.EmulatorState;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Member;
import java.util.Map;

/** Renders INTERACTION_CREATE for a slash command and the interaction callback response. */
public final class InteractionJson {
    private final EmulatorState state;
    private final EntityJson entities;

    /** Creates a renderer over the given state. */
    public InteractionJson(EmulatorState state, EntityJson entities) {
        this.state = state;
        this.entities = entities;
    }

    /** Converts simple option values to Discord's option array using the command's declared option types. */
    public ArrayNode options(ApplicationCommand command, String subcommand, Map<String, ?> values) {
        JsonNode declared = declaredOptions(command, subcommand);
        ArrayNode result = Json.array();
        values.forEach((name, value) -> {
            ObjectNode option = result.addObject();
            option.put("name", name);
            int type = typeOf(declared, name, value);
            option.put("type", type);
            switch (type) {
                case 4 -> option.put("value", ((Number) value).longValue());
                case 5 -> option.put("value", (Boolean) value);
                case 10 -> option.put("value", ((Number) value).doubleValue());
                default -> option.put("value", String.valueOf(value));
            }
        });
        if (subcommand == null) {
            return result;
        }
        ArrayNode wrapped = Json.array();
        ObjectNode sub = wrapped.addObject();
        sub.put("name", subcommand);
        sub.put("type", 1);
        sub.set("options", result);
        return wrapped;
    }

    private static JsonNode declaredOptions(ApplicationCommand command, String subcommand) {
        JsonNode options = command.json().path("options");
        if (subcommand == null) {
            return options;
        }
        for (JsonNode option : options) {
            if (option.path("name").asText().equals(subcommand)) {
                return option.path("options");
            }
        }
        throw new IllegalArgumentException("Command '" + command.name() + "' has no subcommand '" + subcommand + "'");
    }

    /** The INTERACTION_CREATE data of a slash command. */
    public ObjectNode interactionCreate(
            Interaction interaction, ApplicationCommand command, long appPermissions, long memberPermissions) {
        long botId = state.bot().id();
        ObjectNode json = Json.object();
        json.put("id", Json.id(interaction.id()));
        json.put("application_id", Json.id(botId));
        json.put("type", 2);
        ObjectNode data = json.putObject("data");
        data.put("id", Json.id(command.id()));
        data.put("name", command.name());
        data.put("type", 1);
        if (command.guildId() != null) {
            data.put("guild_id", Json.id(command.guildId()));
        }
        data.set("options", interaction.options().deepCopy());
        ObjectNode resolved = resolved(interaction);
        if (!resolved.isEmpty()) {
            data.set("resolved", resolved);
        }
        ObjectNode guild = json.putObject("guild");
        guild.put("id", Json.id(interaction.guildId()));
        guild.put("locale", "en-US");
        guild.putArray("features");
        json.put("guild_id", Json.id(interaction.guildId()));
        Channel channel = state.channel(interaction.channelId()).orElseThrow();
        json.set("channel", entities.channel(channel));
        json.put("channel_id", Json.id(channel.id()));
        Member member = state.member(interaction.guildId(), interaction.userId()).orElseThrow();
        ObjectNode memberJson = entities.member(member);
        memberJson.put("permissions", Permissions.serialize(memberPermissions));
        json.set("member", memberJson);
        json.put("token", interaction.token());
        json.put("version", 1);
        json.put("app_permissions", Permissions.serialize(appPermissions));
        json.put("locale", "en-US");
        json.put("guild_locale", "en-US");
        json.putArray("entitlements");
        json.putObject("authorizing_integration_owners").put("0", Json.id(interaction.guildId()));
        json.put("context", 0);
        json.put("attachment_size_limit", 10_485_760);
        return json;
    }

    /** The body of a callback answered with {@code with_response=true}. */
    public ObjectNode callbackResponse(Interaction interaction, int callbackType, ObjectNode message, boolean loading,
            boolean ephemeral) {
        ObjectNode json = Json.object();
        ObjectNode callback = json.putObject("interaction");
        callback.put("id", Json.id(interaction.id()));
        callback.put("type", 2);
        if (message != null) {
            callback.put("response_message_id", message.path("id").asText());
            callback.put("response_message_loading", loading);
            callback.put("response_message_ephemeral", ephemeral);
        }
        ObjectNode resource = json.putObject("resource");
        resource.put("type", callbackType);
        if (message != null && !loading) {
            resource.set("message", message);
        }
        return json;
    }

    private ObjectNode resolved(Interaction interaction) {
        ObjectNode resolved = Json.object();
        collect(interaction.options(), resolved, interaction.guildId());
        return resolved;
    }

    private void collect(JsonNode options, ObjectNode resolved, long guildId) {
        for (JsonNode option : options) {
            collect(option.path("options"), resolved, guildId);
            int type = option.path("type").asInt();
            if (type != 6 && type != 7 && type != 8) {
                continue;
            }
            long id = Long.parseUnsignedLong(option.path("value").asText("0"));
            switch (type) {
                case 6 -> state.user(id).ifPresent(u -> {
                    resolved.withObjectProperty("users").set(Json.id(id), entities.user(u));
                    state.member(guildId, id).ifPresent(m -> {
                        ObjectNode member = entities.member(m);
                        member.remove("user");
                        member.put("permissions", "0");
                        resolved.withObjectProperty("members").set(Json.id(id), member);
                    });
                });
                case 7 -> state.channel(id).ifPresent(c -> {
                    ObjectNode channel = entities.channel(c);
                    channel.put("permissions", "0");
                    resolved.withObjectProperty("channels").set(Json.id(id), channel);
                });
                default -> state.roles(guildId).stream().filter(r -> r.id() == id).findFirst()
                        .ifPresent(r -> resolved.withObjectProperty("roles").set(Json.id(id), entities.role(r)));
            }
        }
    }

    private static int typeOf(JsonNode declared, String name, Object value) {
        for (JsonNode option : declared) {
            if (option.path("name").asText().equals(name)) {
                return option.path("type").asInt(3);
            }
        }
        if (value instanceof Boolean) {
            return 5;
        }
        if (value instanceof Integer || value instanceof Long) {
            return 4;
        }
        if (value instanceof Number) {
            return 10;
        }
        return 3;
    }
}
