package dev.voicesession.host.config;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.host.config.BotSettings.SlashCommandMode;
import dev.voicesession.host.config.DiscordSettings.ShardRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.requests.RestConfig;

/**
 * Reads the YAML configuration file, applies {@linkplain EnvOverrides environment overrides} and
 * validates every value the host uses, so that a mistake stops the host at start with a {@link
 * ConfigException} naming the file, the key and the fix.
 *
 * <p>This class does not log: the caller sets up logging from the result first, then logs {@link
 * HostConfig#warnings()}.
 */
public final class ConfigLoader {

    /** The configuration file used when neither {@code --config} nor {@code BOT_CONFIG} names one. */
    public static final Path DEFAULT_FILE = Path.of("config", "bot.yml");

    private static final Pattern PREFIX = Pattern.compile("\\S{1,16}");
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d+)\\s*-\\s*(\\d+)\\s*");
    /** The shortest {@code queue.lease}: heartbeats come every third of it. */
    private static final Duration MIN_LEASE = Duration.ofSeconds(3);
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private final RawConfig raw;

    private ConfigLoader(RawConfig raw) {
        this.raw = raw;
    }

    /**
     * Loads a configuration file.
     *
     * @param file the YAML file
     * @param mustExist {@code false} to start from an empty configuration when the file is absent (for
     *     the default location), {@code true} when the user named the file
     * @param env the environment, for overrides
     * @return the validated configuration
     * @throws ConfigException if the file cannot be read or a value is invalid
     */
    public static HostConfig load(Path file, boolean mustExist, Map<String, String> env) {
        String source = file.toString();
        String yaml = "";
        if (Files.exists(file)) {
            try {
                yaml = Files.readString(file);
            } catch (IOException e) {
                throw new ConfigException(source, "(file)", "cannot be read (" + e.getMessage() + "); check its permissions");
            }
        } else if (mustExist) {
            throw new ConfigException(
                    source, "(file)", "does not exist; copy config/bot.example.yml there, or pass --config with the path"
                            + " of an existing file");
        }
        return parse(yaml, source, env);
    }

    /**
     * Parses configuration text, for tests and embedders.
     *
     * @param yaml the YAML text
     * @param source a name for error messages, such as the file it came from
     * @param env the environment, for overrides
     * @return the validated configuration
     * @throws ConfigException if a value is invalid
     */
    public static HostConfig parse(String yaml, String source, Map<String, String> env) {
        RawConfig raw = RawConfig.parse(yaml, source).withOverrides(EnvOverrides.from(env));
        return new ConfigLoader(raw).build(!yaml.isBlank());
    }

    private HostConfig build(boolean fromFile) {
        List<String> warnings = new ArrayList<>(KnownKeys.unknownKeyWarnings(raw.values()));
        if (fromFile && raw.get("bot.owners").map(value -> value.asList().isEmpty()).orElse(true)) {
            warnings.add(raw.source() + ": bot.owners is empty, so nobody can run owner-only commands such as"
                    + " !shutdown; add your Discord user id there");
        }
        return new HostConfig(
                raw.source(), discord(), bot(), queue(), database(), plugins(), logging(), pluginSections(), warnings);
    }

    private DiscordSettings discord() {
        String token = text("discord.token").map(String::strip).orElse(null);
        String restUrl = text("discord.restUrl").orElse(RestConfig.DEFAULT_BASE_URL);
        require("discord.restUrl", url -> url.matches("(?i)https?://\\S+"), "must be an http(s) URL such as "
                + RestConfig.DEFAULT_BASE_URL);
        Optional<String> gatewayUrl = text("discord.gatewayUrl");
        require("discord.gatewayUrl", url -> url.matches("(?i)wss?://\\S+"), "must be a ws(s) URL such as"
                + " wss://gateway.discord.gg, or be left out to use the one Discord advertises");
        Optional<Path> trust = text("discord.trustCertificate").map(Path::of);
        require("discord.trustCertificate", path -> Files.isReadable(Path.of(path)), "names a file that does not"
                + " exist or cannot be read; give the path of the emulator's PEM certificate, or leave the key out");
        int total = raw.get("discord.shards.total").map(this::shardsTotal).orElse(-1);
        Optional<ShardRange> range = raw.get("discord.shards.range").map(value -> shardRange(value, total));
        Duration readyTimeout = positiveDuration("discord.readyTimeout", Duration.ofMinutes(2));
        Duration identifyInterval =
                positiveDuration("discord.identifyInterval", DiscordSettings.DISCORD_IDENTIFY_INTERVAL);
        int globalRateLimit = raw.get("discord.globalRateLimit").map(this::globalRateLimit)
                .orElse(DiscordSettings.DISCORD_GLOBAL_RATE_LIMIT);
        return new DiscordSettings(token, restUrl, gatewayUrl, trust, total, range, readyTimeout, identifyInterval,
                globalRateLimit);
    }

    private int globalRateLimit(ConfigValue value) {
        if ("off".equalsIgnoreCase(ConfigValues.scalar(value, "requests a second or off").strip())) {
            return 0;
        }
        int limit = ConfigValues.parseInt(value);
        if (limit < 1) {
            throw ConfigValues.error(value, "is " + limit + "; use the bot's global limit in requests a second ("
                    + DiscordSettings.DISCORD_GLOBAL_RATE_LIMIT + " unless Discord raised it), or off");
        }
        return limit;
    }

    private int shardsTotal(ConfigValue value) {
        if ("auto".equalsIgnoreCase(ConfigValues.scalar(value, "a number of shards or auto").strip())) {
            return -1;
        }
        int total = ConfigValues.parseInt(value);
        if (total < 1) {
            throw ConfigValues.error(value, "is " + total + "; use a number of shards of at least 1, or auto");
        }
        return total;
    }

    private ShardRange shardRange(ConfigValue value, int total) {
        List<String> parts;
        Matcher matcher = RANGE.matcher(value.asText());
        if (!value.isList() && matcher.matches()) {
            parts = List.of(matcher.group(1), matcher.group(2));
        } else {
            parts = value.asList();
        }
        int first;
        int last;
        try {
            if (parts.size() != 2) {
                throw new NumberFormatException();
            }
            first = Integer.parseInt(parts.get(0).strip());
            last = Integer.parseInt(parts.get(1).strip());
        } catch (NumberFormatException e) {
            throw ConfigValues.error(value, ConfigValues.hasValue(value, value.asText()) + "; write the first and last"
                    + " shard id, for example 0-3");
        }
        if (total < 0) {
            throw ConfigValues.error(value, "needs discord.shards.total; set the total number of shards of all"
                    + " processes, for example total: 8");
        }
        if (first < 0 || first > last || last >= total) {
            throw ConfigValues.error(value, "is " + first + "-" + last + ", which is not within 0-" + (total - 1)
                    + "; use first <= last < discord.shards.total");
        }
        return new ShardRange(first, last);
    }

    private BotSettings bot() {
        String prefix = text("bot.prefix").orElse("!");
        require("bot.prefix", p -> PREFIX.matcher(p).matches(), "must be 1 to 16 characters without spaces, such"
                + " as ! or ?");
        Set<Long> owners = new LinkedHashSet<>();
        raw.get("bot.owners").ifPresent(value -> value.asList().forEach(id -> owners.add(ConfigValues.parseId(value, id))));
        Map<Long, String> guildPrefixes = new HashMap<>();
        raw.values().forEach((key, value) -> {
            if (key.startsWith(KnownKeys.GUILD_PREFIXES)) {
                long guildId = ConfigValues.parseId(value, key.substring(KnownKeys.GUILD_PREFIXES.length()));
                String guildPrefix = ConfigValues.scalar(value, "a prefix such as ?");
                if (!PREFIX.matcher(guildPrefix).matches()) {
                    throw ConfigValues.error(value, "must be 1 to 16 characters without spaces, such as ? or ;");
                }
                guildPrefixes.put(guildId, guildPrefix);
            }
        });
        Duration shutdownDeadline = positiveDuration("bot.shutdownDeadline", Duration.ofSeconds(30));
        SlashCommandMode slash = raw.get("bot.slashCommands").map(this::slashMode).orElse(SlashCommandMode.GLOBAL);
        return new BotSettings(prefix, owners, guildPrefixes, shutdownDeadline, slash);
    }

    private SlashCommandMode slashMode(ConfigValue value) {
        String text = ConfigValues.scalar(value, "global, guilds or off").strip();
        try {
            return SlashCommandMode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigValues.error(value, ConfigValues.hasValue(value, text) + "; use global, guilds or off");
        }
    }

    private QueueSettings queue() {
        int slots = intBetween("queue.slots", 1, 1, 64);
        QueueSettings.Scope scope = raw.get("queue.scope").map(this::queueScope).orElse(QueueSettings.Scope.PROCESS);
        Duration lease = positiveDuration("queue.lease", QueueSettings.DEFAULT_LEASE);
        raw.get("queue.lease").filter(value -> lease.compareTo(MIN_LEASE) < 0).ifPresent(value -> {
            throw ConfigValues.error(value, "is " + lease.toMillis() + " ms; use at least 3s (a process renews its"
                    + " leases every third of it)");
        });
        return new QueueSettings(slots, scope, lease);
    }

    private QueueSettings.Scope queueScope(ConfigValue value) {
        String text = ConfigValues.scalar(value, "process or cluster").strip();
        try {
            return QueueSettings.Scope.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigValues.error(value, ConfigValues.hasValue(value, text) + "; use process or cluster");
        }
    }

    private DatabaseSettings database() {
        Path path = Path.of(text("database.path").orElse("data/bot.db"));
        int poolSize = intBetween("database.poolSize", 4, 1, 64);
        Duration busyTimeout = positiveDuration("database.busyTimeout", Duration.ofSeconds(5));
        Optional<String> url = text("database.url").map(String::strip);
        raw.get("database.url").filter(value -> value.asText().toLowerCase(Locale.ROOT).contains("password="))
                .ifPresent(value -> {
                    throw ConfigValues.error(value, "carries a password; move it to database.password (or the"
                            + " environment variable DATABASE_PASSWORD) so that it never shows in a log");
                });
        require("database.url", u -> u.strip().toLowerCase(Locale.ROOT).startsWith(DatabaseSettings.POSTGRESQL_PREFIX),
                "is not a PostgreSQL URL; write jdbc:postgresql://host:5432/database, or leave database.url out and"
                        + " set database.path to use an SQLite file");
        // The password is never validated: no message may echo it.
        String user = text("database.user").map(String::strip).orElse(null);
        String password = raw.get("database.password").map(ConfigValue::asText).orElse(null);
        return new DatabaseSettings(path, url.orElse(null), user, password, poolSize, busyTimeout);
    }

    private PluginSettings plugins() {
        Path dir = Path.of(text("plugins.dir").orElse("plugins"));
        Set<String> disabled = new LinkedHashSet<>();
        raw.get("plugins.disabled").ifPresent(value -> disabled.addAll(value.asList()));
        return new PluginSettings(dir, disabled);
    }

    private Map<String, PluginConfigImpl> pluginSections() {
        Map<String, Map<String, ConfigValue>> byPlugin = new TreeMap<>();
        raw.values().forEach((key, value) -> {
            if (KnownKeys.isPluginKey(key)) {
                String rest = key.substring("plugins.".length());
                int dot = rest.indexOf('.');
                byPlugin.computeIfAbsent(rest.substring(0, dot), id -> new TreeMap<>())
                        .put(rest.substring(dot + 1), value);
            }
        });
        Map<String, PluginConfigImpl> sections = new TreeMap<>();
        byPlugin.forEach((id, section) -> {
            PluginConfigImpl config = PluginConfigImpl.of(section);
            // the host reads the switches: check them now, not when the plugin loads
            config.getBoolean("enabled", true);
            config.configuredGuilds().forEach(guildId -> config.forGuild(guildId).getBoolean("enabled", true));
            sections.put(id, config);
        });
        return sections;
    }

    private LoggingSettings logging() {
        String level = text("logging.level").orElse("INFO").strip().toUpperCase(Locale.ROOT);
        require("logging.level", l -> LEVELS.contains(l.strip().toUpperCase(Locale.ROOT)),
                "must be one of TRACE, DEBUG, INFO, WARN, ERROR or OFF");
        Path file = Path.of(text("logging.file").orElse("logs/bot.log"));
        return new LoggingSettings(level, file);
    }

    private Optional<String> text(String key) {
        return raw.get(key).map(value -> ConfigValues.scalar(value, "a single value"));
    }

    private void require(String key, Predicate<String> valid, String problem) {
        raw.get(key).ifPresent(value -> {
            if (!valid.test(ConfigValues.scalar(value, "a single value"))) {
                throw ConfigValues.error(value, ConfigValues.hasValue(value, value.asText()) + ", which " + problem);
            }
        });
    }

    private int intBetween(String key, int defaultValue, int min, int max) {
        return raw.get(key).map(value -> {
            int number = ConfigValues.parseInt(value);
            if (number < min || number > max) {
                throw ConfigValues.error(value, "is " + number + "; use a number from " + min + " to " + max);
            }
            return number;
        }).orElse(defaultValue);
    }

    private Duration positiveDuration(String key, Duration defaultValue) {
        return raw.get(key).map(withPositive(ConfigValues::parseDuration)).orElse(defaultValue);
    }

    private static Function<ConfigValue, Duration> withPositive(Function<ConfigValue, Duration> parser) {
        return value -> {
            Duration duration = parser.apply(value);
            if (duration.isZero()) {
                throw ConfigValues.error(value, "is zero; use a positive duration such as 30s");
            }
            return duration;
        };
    }
}
