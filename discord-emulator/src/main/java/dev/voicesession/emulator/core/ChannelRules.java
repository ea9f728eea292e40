package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Overwrite;
import java.util.ArrayList;
import java.util.List;

/** Validation of channel request bodies and Discord's channel limits. */
final class ChannelRules {
    /** Discord's limit of channels per guild. */
    static final int MAX_GUILD_CHANNELS = 500;
    /** Discord's limit of channels per category. */
    static final int MAX_CATEGORY_CHANNELS = 50;
    /** Highest bitrate without boosts. */
    static final int MAX_BITRATE = 96_000;
    /** Lowest bitrate. */
    static final int MIN_BITRATE = 8_000;
    /** Default bitrate of a new voice channel. */
    static final int DEFAULT_BITRATE = 64_000;

    private ChannelRules() {}

    static String name(JsonNode body, boolean required) {
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            if (required) {
                throw DiscordException.invalidFormBody("name", "BASE_TYPE_REQUIRED", "This field is required");
            }
            return null;
        }
        String text = name.asText();
        // Discord counts characters (code points), as JDA's own check does: an emoji is one, not two.
        if (text.isEmpty() || text.codePointCount(0, text.length()) > 100) {
            throw DiscordException.invalidFormBody("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        return text;
    }

    static ChannelType type(JsonNode body) {
        int raw = body.path("type").asInt(0);
        return ChannelType.fromId(raw).orElseThrow(() -> DiscordException.invalidFormBody(
                "type", "BASE_TYPE_CHOICES", "Value must be one of {0, 2, 4, 5, 13}."));
    }

    static int bitrate(JsonNode body, int fallback) {
        JsonNode value = body.get("bitrate");
        if (value == null || value.isNull()) {
            return fallback;
        }
        int bitrate = value.asInt();
        if (bitrate < MIN_BITRATE) {
            throw DiscordException.invalidFormBody("bitrate", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 8000.");
        }
        if (bitrate > MAX_BITRATE) {
            throw DiscordException.invalidFormBody("bitrate", "NUMBER_TYPE_MAX", "int value should be less than or equal to 96000.");
        }
        return bitrate;
    }

    static int userLimit(JsonNode body, int fallback) {
        JsonNode value = body.get("user_limit");
        if (value == null || value.isNull()) {
            return fallback;
        }
        int limit = value.asInt();
        if (limit < 0 || limit > 99) {
            throw DiscordException.invalidFormBody("user_limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 99.");
        }
        return limit;
    }

    static List<Overwrite> overwrites(JsonNode array, EmulatorState state, long guildId) {
        List<Overwrite> result = new ArrayList<>();
        for (JsonNode node : array) {
            long id = Long.parseUnsignedLong(node.path("id").asText("0"));
            int type = parseOverwriteType(node.get("type"));
            boolean exists = type == Overwrite.ROLE
                    ? state.roleMap(guildId).containsKey(id)
                    : state.member(guildId, id).isPresent();
            if (!exists) {
                throw DiscordException.invalidFormBody("permission_overwrites", "BASE_TYPE_CHOICES",
                        "Unknown overwrite target " + Json.id(id) + ".");
            }
            result.add(new Overwrite(id, type, Json.bits(node, "allow"), Json.bits(node, "deny")));
        }
        return result;
    }

    static int parseOverwriteType(JsonNode type) {
        if (type == null || type.isNull()) {
            throw DiscordException.invalidFormBody("type", "BASE_TYPE_REQUIRED", "This field is required");
        }
        String text = type.asText();
        return switch (text) {
            case "0", "role" -> Overwrite.ROLE;
            case "1", "member" -> Overwrite.MEMBER;
            default -> throw DiscordException.invalidFormBody("type", "BASE_TYPE_CHOICES", "Value must be one of {0, 1}.");
        };
    }

    /** Checks the parent is a category of the guild with room for one more channel. */
    static void checkParent(EmulatorState state, long guildId, Long parentId, ChannelType type, long movingChannelId) {
        if (parentId == null) {
            return;
        }
        if (type == ChannelType.CATEGORY) {
            throw DiscordException.invalidFormBody("parent_id", "CHANNEL_PARENT_INVALID_TYPE", "Categories cannot have a parent.");
        }
        Channel parent = state.channel(parentId).filter(c -> c.guildId() == guildId).orElse(null);
        if (parent == null || parent.type() != ChannelType.CATEGORY) {
            throw DiscordException.invalidFormBody("parent_id", "CHANNEL_PARENT_INVALID_TYPE", "Not a category");
        }
        long children = state.channels(guildId).stream()
                .filter(c -> parentId.equals(c.parentId()) && c.id() != movingChannelId)
                .count();
        if (children >= MAX_CATEGORY_CHANNELS) {
            throw DiscordException.invalidFormBody("parent_id", "CHANNEL_PARENT_MAX_CHANNELS",
                    "Maximum number of channels in category reached (" + MAX_CATEGORY_CHANNELS + ")");
        }
    }

    static void checkGuildLimit(EmulatorState state, long guildId) {
        if (state.channels(guildId).size() >= MAX_GUILD_CHANNELS) {
            throw new DiscordException(400, 30013,
                    "Maximum number of guild channels reached (" + MAX_GUILD_CHANNELS + ")");
        }
    }
}
