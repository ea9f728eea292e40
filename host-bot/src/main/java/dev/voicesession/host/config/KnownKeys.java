package dev.voicesession.host.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys the host reads, to warn about the others (usually typos). Keys of a plugin's own section
 * ({@code plugins.<id>.*}) belong to the plugin and are never reported.
 */
final class KnownKeys {

    static final Set<String> HOST_KEYS = Set.of(
            "discord.token",
            "discord.restUrl",
            "discord.gatewayUrl",
            "discord.trustCertificate",
            "discord.readyTimeout",
            "discord.identifyInterval",
            "discord.globalRateLimit",
            "discord.shards.total",
            "discord.shards.range",
            "bot.prefix",
            "bot.owners",
            "bot.shutdownDeadline",
            "bot.slashCommands",
            "queue.slots",
            "queue.scope",
            "queue.lease",
            "database.path",
            "database.url",
            "database.user",
            "database.password",
            "database.poolSize",
            "database.busyTimeout",
            "plugins.dir",
            "plugins.disabled",
            "logging.level",
            "logging.file");

    /** Keys under this prefix are guild ids mapped to prefixes. */
    static final String GUILD_PREFIXES = "bot.guildPrefixes.";

    private KnownKeys() {}

    /**
     * Tells whether {@code key} names a plugin's own setting, {@code plugins.<id>.<anything>}.
     *
     * @param key a full key
     * @return {@code true} for a plugin key
     */
    static boolean isPluginKey(String key) {
        if (!key.startsWith("plugins.") || HOST_KEYS.contains(key)) {
            return false;
        }
        String rest = key.substring("plugins.".length());
        int dot = rest.indexOf('.');
        return dot > 0 && !Set.of("dir", "disabled").contains(rest.substring(0, dot));
    }

    /**
     * Lists a warning for every key the host does not know.
     *
     * @param values the configured values
     * @return one line per unknown key, naming its source and, when one is close, the key probably meant
     */
    static List<String> unknownKeyWarnings(Map<String, ConfigValue> values) {
        List<String> warnings = new ArrayList<>();
        values.forEach((key, value) -> {
            if (HOST_KEYS.contains(key) || isPluginKey(key) || key.startsWith(GUILD_PREFIXES)) {
                return;
            }
            String hint = closest(key, HOST_KEYS)
                    .map(known -> "; did you mean '" + known + "'?")
                    .orElse("; see config/bot.example.yml for the keys the host reads");
            warnings.add(value.where() + ": unknown key '" + key + "' is ignored" + hint);
        });
        return warnings;
    }

    /**
     * Finds the known key a mistyped one was probably meant to be.
     *
     * @param key the unknown key
     * @param known the keys that are allowed
     * @return the closest known key, if it is within three edits (ignoring case)
     */
    static Optional<String> closest(String key, Collection<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        return known.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(candidate.toLowerCase(Locale.ROOT), lower))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance(candidate.toLowerCase(Locale.ROOT), lower) <= 3);
    }

    /** Levenshtein distance, small inputs only. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
