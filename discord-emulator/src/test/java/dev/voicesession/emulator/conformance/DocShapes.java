package dev.voicesession.emulator.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shapes of the objects the emulator sends, written from the field tables of Discord's developer
 * documentation (discord-api-docs, {@code developers/}): {@code resources/user} (User Structure),
 * {@code resources/guild} (Guild, Guild Member, Unavailable Guild), {@code topics/permissions} (Role, Role Colors,
 * Overwrite in {@code resources/channel}), {@code resources/channel} (Channel), {@code resources/message}
 * (Message, Message Reference, Embed), {@code components/reference}, {@code resources/voice} (Voice State),
 * {@code resources/application} (Application, Install Params), {@code interactions/receiving-and-responding}
 * (Interaction, Application Command Data, Interaction Callback Response), {@code interactions/application-commands}
 * (Application Command), {@code events/gateway} (Get Gateway Bot, Session Start Limit) and
 * {@code events/gateway-events} (Hello, Ready and the extra fields of each dispatch). Where Discord's OpenAPI
 * description and the documentation disagree, the documentation wins. Fields the documentation does not list
 * but the emulator sends (as Discord does) are named with {@link Shape#undocumented} and their reason.
 */
final class DocShapes {
    private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    private DocShapes() {}

    static Shape shape(String name) {
        return SHAPES.get(name);
    }

    static Map<String, Shape> all() {
        return Map.copyOf(SHAPES);
    }

    private static Shape add(Shape shape) {
        SHAPES.put(shape.name, shape);
        return shape;
    }

    static {
        Shape user = add(Shape.of("user",
                "id: snowflake", "username: string", "discriminator: string", "global_name: ?string",
                "avatar: ?string", "bot?: boolean", "system?: boolean", "mfa_enabled?: boolean", "banner?: ?string",
                "accent_color?: ?integer", "locale?: string", "verified?: boolean", "email?: ?string",
                "flags?: integer", "premium_type?: integer", "public_flags?: integer",
                "avatar_decoration_data?: ?object", "collectibles?: ?object", "primary_guild?: ?object"));
        add(user.requiring("current_user", "bot", "mfa_enabled", "verified", "flags"));
        add(Shape.of("role_colors", "primary_color: integer", "secondary_color: ?integer",
                "tertiary_color: ?integer"));
        add(Shape.of("role",
                "id: snowflake", "name: string", "color: integer", "colors: role_colors", "hoist: boolean",
                "icon?: ?string", "unicode_emoji?: ?string", "position: integer", "permissions: permissions",
                "managed: boolean", "mentionable: boolean", "tags?: object", "flags: integer"));
        Shape member = add(Shape.of("member",
                "user?: user", "nick?: ?string", "avatar?: ?string", "banner?: ?string", "roles: array<snowflake>",
                "joined_at: ?timestamp", "premium_since?: ?timestamp", "deaf: boolean", "mute: boolean",
                "flags: integer", "pending?: boolean", "permissions?: permissions",
                "communication_disabled_until?: ?timestamp", "avatar_decoration_data?: ?object",
                "collectibles?: ?object"));
        add(member.requiring("guild_member", "user"));
        add(Shape.of("overwrite", "id: snowflake", "type: integer", "allow: permissions", "deny: permissions"));
        Shape channel = add(Shape.of("channel",
                "id: snowflake", "type: integer", "guild_id?: snowflake", "position?: integer",
                "permission_overwrites?: array<overwrite>", "name?: ?string", "topic?: ?string", "nsfw?: boolean",
                "last_message_id?: ?snowflake", "bitrate?: integer", "user_limit?: integer",
                "rate_limit_per_user?: integer", "recipients?: array<user>", "icon?: ?string",
                "owner_id?: snowflake", "application_id?: ?snowflake", "managed?: boolean",
                "parent_id?: ?snowflake", "last_pin_timestamp?: ?timestamp", "rtc_region?: ?string",
                "video_quality_mode?: integer", "message_count?: integer", "member_count?: integer",
                "thread_metadata?: object", "member?: object", "default_auto_archive_duration?: integer",
                "permissions?: permissions", "app_permissions?: permissions", "flags?: integer",
                "total_message_sent?: integer", "available_tags?: array", "applied_tags?: array<snowflake>",
                "default_reaction_emoji?: ?object", "default_thread_rate_limit_per_user?: integer",
                "default_sort_order?: ?integer", "default_forum_layout?: integer"));
        add(channel.requiring("guild_channel", "guild_id", "position", "permission_overwrites", "name", "nsfw",
                "parent_id", "flags"));
        add(channel.requiring("voice_channel", "guild_id", "position", "permission_overwrites", "name", "nsfw",
                "parent_id", "flags", "last_message_id", "bitrate", "user_limit", "rtc_region",
                "rate_limit_per_user"));
        add(channel.requiring("text_channel", "guild_id", "position", "permission_overwrites", "name", "nsfw",
                "parent_id", "flags", "last_message_id", "topic", "rate_limit_per_user"));
        Shape guild = add(Shape.of("guild",
                "id: snowflake", "name: string", "icon: ?string", "icon_hash?: ?string", "splash: ?string",
                "discovery_splash: ?string", "owner?: boolean", "owner_id: snowflake", "permissions?: permissions",
                "region?: ?string", "afk_channel_id: ?snowflake", "afk_timeout: integer", "widget_enabled?: boolean",
                "widget_channel_id?: ?snowflake", "verification_level: integer",
                "default_message_notifications: integer", "explicit_content_filter: integer", "roles: array<role>",
                "emojis: array", "features: array<string>", "mfa_level: integer", "application_id: ?snowflake",
                "system_channel_id: ?snowflake", "system_channel_flags: integer", "rules_channel_id: ?snowflake",
                "max_presences?: ?integer", "max_members?: integer", "vanity_url_code: ?string",
                "description: ?string", "banner: ?string", "premium_tier: integer",
                "premium_subscription_count?: integer", "preferred_locale: string",
                "public_updates_channel_id: ?snowflake", "max_video_channel_users?: integer",
                "max_stage_video_channel_users?: integer", "approximate_member_count?: integer",
                "approximate_presence_count?: integer", "welcome_screen?: object", "nsfw_level: integer",
                "stickers?: array", "premium_progress_bar_enabled: boolean", "safety_alerts_channel_id: ?snowflake",
                "incidents_data: ?object")
                .undocumented("nsfw", "Discord sends it (deprecated form of nsfw_level); the OpenAPI description "
                        + "marks it required")
                .undocumented("home_header", "Discord sends it (null for guilds without one); the OpenAPI "
                        + "description marks it required"));
        add(guild.requiring("guild_rest", "max_video_channel_users", "max_stage_video_channel_users"));
        add(guild.plus("guild_create",
                "joined_at: timestamp", "large: boolean", "unavailable?: boolean", "member_count: integer",
                "voice_states: array<voice_state>", "members: array<guild_member>", "channels: array<guild_channel>",
                "threads: array<channel>", "presences: array", "stage_instances: array",
                "guild_scheduled_events: array", "soundboard_sounds: array")
                .requiring("guild_create", "max_video_channel_users", "max_stage_video_channel_users"));
        add(Shape.of("unavailable_guild", "id: snowflake", "unavailable?: boolean"));
        add(Shape.of("voice_state",
                "guild_id?: snowflake", "channel_id: ?snowflake", "user_id: snowflake", "member?: guild_member",
                "session_id: string", "deaf: boolean", "mute: boolean", "self_deaf: boolean", "self_mute: boolean",
                "self_stream?: boolean", "self_video: boolean", "suppress: boolean",
                "request_to_speak_timestamp: ?timestamp"));
        add(Shape.of("embed",
                "title?: string", "type?: string", "description?: string", "url?: string", "timestamp?: timestamp",
                "color?: integer", "footer?: object", "image?: object", "thumbnail?: object", "video?: object",
                "provider?: object", "author?: object", "fields?: array", "flags?: integer")
                .requiring("embed", "type"));
        add(Shape.of("component",
                "type: integer", "id?: integer", "components?: array<component>", "accessory?: component",
                "style?: integer", "label?: string", "emoji?: object", "custom_id?: string", "sku_id?: snowflake",
                "url?: string", "disabled?: boolean", "placeholder?: string", "options?: array",
                "min_values?: integer", "max_values?: integer", "required?: boolean", "default_values?: array",
                "channel_types?: array", "content?: string", "media?: object", "description?: ?string",
                "spoiler?: boolean", "items?: array", "file?: object", "divider?: boolean", "spacing?: integer",
                "accent_color?: ?integer", "value?: string", "min_length?: integer", "max_length?: integer")
                .requiring("component", "id"));
        add(Shape.of("message_reference",
                "type?: integer", "message_id?: snowflake", "channel_id?: snowflake", "guild_id?: snowflake",
                "fail_if_not_exists?: boolean")
                .requiring("message_reference", "type", "message_id", "channel_id"));
        add(Shape.of("interaction_metadata",
                "id: snowflake", "type: integer", "user: user", "authorizing_integration_owners: object",
                "original_response_message_id?: snowflake", "target_user?: user", "target_message_id?: snowflake"));
        Shape message = add(Shape.of("message",
                "id: snowflake", "channel_id: snowflake", "author: user", "content: string",
                "timestamp: timestamp", "edited_timestamp: ?timestamp", "tts: boolean", "mention_everyone: boolean",
                "mentions: array<user>", "mention_roles: array<snowflake>", "mention_channels?: array",
                "attachments: array", "embeds: array<embed>", "reactions?: array", "nonce?: any", "pinned: boolean",
                "webhook_id?: snowflake", "type: integer", "activity?: object", "application?: object",
                "application_id?: snowflake", "flags?: integer", "message_reference?: message_reference",
                "message_snapshots?: array", "referenced_message?: ?referenced_message",
                "interaction_metadata?: interaction_metadata", "interaction?: object", "thread?: object",
                "components?: array<component>", "sticker_items?: array", "stickers?: array",
                "position?: integer", "role_subscription_data?: object", "resolved?: object", "poll?: object",
                "call?: object", "shared_client_theme?: object")
                .undocumented("guild_id", "sent in REST answers too; the documentation lists it only among "
                        + "MESSAGE_CREATE's extra fields"));
        add(message.requiring("referenced_message"));
        add(message.plus("message_create",
                "guild_id?: snowflake", "member?: member", "channel_type?: integer"));
        add(Shape.of("hello", "heartbeat_interval: integer").undocumented("_trace", "Discord sends it"));
        add(Shape.of("ready",
                "v: integer", "user: current_user", "guilds: array<unavailable_guild>", "session_id: string",
                "resume_gateway_url: string", "shard?: array<integer>", "application: object")
                .undocumented("session_type", "sent by Discord, not in the documentation's table")
                .undocumented("private_channels", "sent by Discord (empty for bots)")
                .undocumented("relationships", "sent by Discord (empty for bots)")
                .undocumented("presences", "sent by Discord (empty for bots)")
                .undocumented("guild_join_requests", "sent by Discord (empty for bots)")
                .undocumented("geo_ordered_rtc_regions", "sent by Discord")
                .undocumented("user_settings", "sent by Discord (empty for bots)")
                .undocumented("auth", "sent by Discord (empty for bots)")
                .undocumented("_trace", "sent by Discord"));
        add(Shape.of("resumed").undocumented("_trace", "sent by Discord"));
        add(Shape.of("guild_members_chunk",
                "guild_id: snowflake", "members: array<guild_member>", "chunk_index: integer",
                "chunk_count: integer", "not_found?: array", "presences?: array", "nonce?: string"));
        add(Shape.of("guild_role_event", "guild_id: snowflake", "role: role"));
        add(member.plus("guild_member_add", "guild_id: snowflake").requiring("guild_member_add", "user"));
        add(Shape.of("guild_member_update",
                "guild_id: snowflake", "roles: array<snowflake>", "user: user", "nick?: ?string", "avatar: ?string",
                "banner: ?string", "joined_at: ?timestamp", "premium_since?: ?timestamp", "deaf?: boolean",
                "mute?: boolean", "pending?: boolean", "communication_disabled_until?: ?timestamp",
                "avatar_decoration_data?: ?object", "collectibles?: ?object")
                .undocumented("flags", "a guild member field; Discord sends it in this event too"));
        add(Shape.of("message_delete", "id: snowflake", "channel_id: snowflake", "guild_id?: snowflake"));
        add(Shape.of("voice_server_update", "token: string", "guild_id: snowflake", "endpoint: ?string"));
        add(Shape.of("option_data",
                "name: string", "type: integer", "value?: any", "options?: array<option_data>", "focused?: boolean"));
        add(Shape.of("command_data",
                "id: snowflake", "name: string", "type: integer", "resolved?: object",
                "options?: array<option_data>", "guild_id?: snowflake", "target_id?: snowflake"));
        add(Shape.of("interaction",
                "id: snowflake", "application_id: snowflake", "type: integer", "data?: command_data",
                "guild?: object", "guild_id?: snowflake", "channel?: guild_channel", "channel_id?: snowflake",
                "member?: guild_member", "user?: user", "token: string", "version: integer", "message?: message",
                "app_permissions: permissions", "locale?: string", "guild_locale?: string", "entitlements: array",
                "authorizing_integration_owners: object", "context?: integer", "attachment_size_limit: integer")
                .requiring("guild_interaction", "data", "guild_id", "channel", "channel_id", "member", "locale",
                        "guild_locale", "context"));
        add(shape("guild_member").requiring("interaction_member", "permissions"));
        add(Shape.of("callback",
                "id: snowflake", "type: integer", "activity_instance_id?: string", "response_message_id?: snowflake",
                "response_message_loading?: boolean", "response_message_ephemeral?: boolean"));
        add(Shape.of("callback_resource", "type: integer", "activity_instance?: object", "message?: message"));
        add(Shape.of("callback_response", "interaction: callback", "resource?: callback_resource"));
        add(Shape.of("application_command",
                "id: snowflake", "type?: integer", "application_id: snowflake", "guild_id?: snowflake",
                "name: string", "name_localizations?: ?object", "description: string",
                "description_localizations?: ?object", "options?: array", "default_member_permissions: ?string",
                "dm_permission?: boolean", "default_permission?: ?boolean", "nsfw?: boolean",
                "integration_types?: array", "contexts?: ?array", "version: snowflake", "handler?: integer"));
        add(Shape.of("install_params", "scopes: array<string>", "permissions: permissions"));
        add(Shape.of("application",
                "id: snowflake", "name: string", "icon: ?string", "description: string",
                "rpc_origins?: array<string>", "bot_public: boolean", "bot_require_code_grant: boolean",
                "bot?: user", "terms_of_service_url?: string", "privacy_policy_url?: string", "owner?: user",
                "verify_key: string", "team: ?object", "guild_id?: snowflake", "guild?: object",
                "primary_sku_id?: snowflake", "slug?: string", "cover_image?: string", "flags?: integer",
                "flags_new?: string", "approximate_guild_count?: integer", "approximate_user_install_count?: integer",
                "approximate_user_authorization_count?: integer", "redirect_uris?: array<string>",
                "interactions_endpoint_url?: ?string", "role_connections_verification_url?: ?string",
                "event_webhooks_url?: ?string", "event_webhooks_status?: integer", "event_webhooks_types?: array",
                "tags?: array<string>", "install_params?: install_params", "integration_types_config?: object",
                "custom_install_url?: string")
                .undocumented("type", "the OpenAPI description marks it required (null for a bot application)")
                .undocumented("explicit_content_filter", "the OpenAPI description marks it required")
                .undocumented("eligible_oauth2_scopes", "the OpenAPI description marks it required"));
        // Present on the current application (GET applications/@me), as the OpenAPI description requires.
        add(shape("application").requiring("current_application", "owner", "flags", "flags_new",
                "approximate_guild_count", "approximate_user_install_count", "approximate_user_authorization_count",
                "redirect_uris", "interactions_endpoint_url", "role_connections_verification_url", "bot"));
        add(Shape.of("session_start_limit",
                "total: integer", "remaining: integer", "reset_after: integer", "max_concurrency: integer"));
        add(Shape.of("gateway_bot", "url: string", "shards: integer", "session_start_limit: session_start_limit"));
        add(Shape.of("gateway", "url: string"));
        add(Shape.of("error", "code: integer", "message: string", "errors?: object"));
        add(Shape.of("rate_limited", "message: string", "retry_after: number", "global: boolean", "code?: integer"));
    }
}
