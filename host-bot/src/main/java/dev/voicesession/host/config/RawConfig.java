package dev.voicesession.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.voicesession.api.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The configuration as a flat, immutable map from dotted key to {@link ConfigValue}: the YAML file
 * flattened ({@code plugins: {voice: {timeout: 60}}} becomes {@code plugins.voice.timeout}), with
 * environment overrides applied on top.
 */
public final class RawConfig {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String source;
    private final Map<String, ConfigValue> values;

    private RawConfig(String source, Map<String, ConfigValue> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Parses YAML text.
     *
     * @param yaml the file's content; blank for an empty configuration
     * @param source the file name, used in error messages
     * @return the flattened configuration
     * @throws ConfigException if the text is not YAML or its top level is not a mapping
     */
    public static RawConfig parse(String yaml, String source) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        if (!yaml.isBlank()) {
            JsonNode root;
            try {
                root = YAML.readTree(yaml);
            } catch (JsonProcessingException e) {
                throw new ConfigException(
                        source, "(file)", "is not valid YAML: " + problemOf(e) + locationOf(e)
                                + "; fix the syntax (indent with spaces, 'key: value')");
            }
            if (root != null && !root.isNull() && !root.isMissingNode()) {
                if (!root.isObject()) {
                    throw new ConfigException(
                            source, "(file)", "must be a mapping of sections (discord:, bot:, ...), not a "
                                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                flatten("", root, source, values);
            }
        }
        return new RawConfig(source, values);
    }

    /**
     * The parser's description of the problem on one line, without the excerpt of the file it quotes
     * (the excerpt could be the line holding the token, which must never reach a log).
     */
    private static String problemOf(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        String problem = original.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip)
                .collect(Collectors.joining("; "));
        return problem.isEmpty() ? "unreadable" : problem;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    }

    private static void flatten(String prefix, JsonNode node, String source, Map<String, ConfigValue> out) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode child = field.getValue();
            if (child.isObject()) {
                flatten(key, child, source, out);
            } else if (child.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : child) {
                    if (item.isContainerNode()) {
                        throw new ConfigException(source, key, "holds a nested list or mapping; use a list of plain values");
                    }
                    items.add(item.asText());
                }
                out.put(key, ConfigValue.list(key, items, source));
            } else if (!child.isNull()) {
                out.put(key, ConfigValue.scalar(key, child.asText(), source));
            }
        }
    }

    /**
     * Returns a copy with the given values replacing those of the same keys.
     *
     * @param overrides values that win, for example from environment variables
     * @return the combined configuration
     */
    public RawConfig withOverrides(List<ConfigValue> overrides) {
        Map<String, ConfigValue> combined = new LinkedHashMap<>(values);
        for (ConfigValue override : overrides) {
            combined.put(override.key(), override);
        }
        return new RawConfig(source, combined);
    }

    /**
     * Returns the file name the configuration was read from.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * Returns the value of {@code key}.
     *
     * @param key a full dotted key
     * @return the value, or empty when absent
     */
    public Optional<ConfigValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * Returns every value, sorted by key.
     *
     * @return an unmodifiable map
     */
    public Map<String, ConfigValue> values() {
        return values;
    }

    /**
     * Returns the values whose keys start with {@code prefix + "."}, keyed by the rest of the key.
     *
     * @param prefix a dotted key such as {@code plugins.voice}
     * @return an unmodifiable map, sorted by key
     */
    public Map<String, ConfigValue> section(String prefix) {
        String start = prefix + ".";
        Map<String, ConfigValue> section = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(start)) {
                section.put(key.substring(start.length()), value);
            }
        });
        return Collections.unmodifiableMap(section);
    }
}
