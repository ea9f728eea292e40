package dev.voicesession.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.voicesession.api.config.ConfigException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The configuration as a flat, immutable map from dotted key to {@link ConfigValue}: the YAML file
 * flattened ({@code plugins: {voice: {timeout: 60}}} becomes {@code plugins.voice.timeout}), with
 * environment overrides applied on top.
 */
public final class RawConfig {

    private static final YAMLFactory YAML = new YAMLFactory();

    private final String source;
    private final Map<String, ConfigValue> values;

    private RawConfig(String source, Map<String, ConfigValue> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Parses YAML text. Each value remembers the line of its key, for error messages.
     *
     * @param yaml the file's content; blank for an empty configuration
     * @param source the file name, used in error messages
     * @return the flattened configuration
     * @throws ConfigException if the text is not YAML or its top level is not a mapping; the message names
     *     the line and the key being read
     */
    public static RawConfig parse(String yaml, String source) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        if (!yaml.isBlank()) {
            new Flattener(source, values).read(yaml);
        }
        return new RawConfig(source, values);
    }

    /** Walks the parser's tokens, keeping the path of keys, so that values and errors carry their line. */
    private static final class Flattener {

        private final String source;
        private final Map<String, ConfigValue> out;
        private final Deque<String> path = new ArrayDeque<>();
        private String lastKey = "";
        private int lastLine;

        Flattener(String source, Map<String, ConfigValue> out) {
            this.source = source;
            this.out = out;
        }

        void read(String yaml) {
            try (JsonParser parser = YAML.createParser(yaml)) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    return;
                }
                if (first != JsonToken.START_OBJECT) {
                    if (first == JsonToken.VALUE_NULL) {
                        return;
                    }
                    throw new ConfigException(where(line(parser)), "(file)", "must be a mapping of sections (discord:,"
                            + " bot:, ...), not " + (first == JsonToken.START_ARRAY ? "a list" : "a single value"));
                }
                object(parser);
            } catch (JsonProcessingException e) {
                throw syntaxError(e);
            } catch (IOException e) {
                throw new ConfigException(source, "(file)", "cannot be read (" + e.getMessage() + ")");
            }
        }

        private void object(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int line = line(parser);
                String key = path.isEmpty() ? name : String.join(".", path) + "." + name;
                lastKey = key;
                lastLine = line;
                JsonToken token = parser.nextToken();
                switch (token) {
                    case START_OBJECT -> {
                        path.addLast(name);
                        object(parser);
                        path.removeLast();
                    }
                    case START_ARRAY -> out.put(key, ConfigValue.list(key, items(parser, key, line), source, line));
                    case VALUE_NULL -> { }
                    default -> out.put(key, ConfigValue.scalar(key, parser.getText(), source, line));
                }
            }
        }

        private List<String> items(JsonParser parser, String key, int line) throws IOException {
            List<String> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    throw new ConfigException(where(line(parser)), key, "holds a nested list or mapping; use a list"
                            + " of plain values");
                }
                if (token != JsonToken.VALUE_NULL) {
                    items.add(parser.getText());
                }
            }
            return items;
        }

        private static int line(JsonParser parser) {
            return parser.currentTokenLocation().getLineNr();
        }

        private String where(int line) {
            return line > 0 ? source + ", line " + line : source;
        }

        /**
         * The parser's description of the problem on one line, without the excerpt of the file it quotes
         * (the excerpt could be the line holding the token, which must never reach a log), at the line where
         * the mistake is: where an unclosed quote or bracket opened, else where the parser stopped.
         */
        private ConfigException syntaxError(JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String problem;
            if (e.getCause() instanceof MarkedYAMLException marked) {
                boolean unclosed = marked.getContextMark() != null && String.valueOf(marked.getProblem())
                        .matches("(?s).*(end of stream|<stream end>).*");
                Mark mark = unclosed ? marked.getContextMark() : marked.getProblemMark();
                line = mark != null ? mark.getLine() + 1 : line;
                problem = oneLine(marked.getContext()) + (marked.getContext() == null ? "" : ": ")
                        + oneLine(marked.getProblem());
            } else {
                problem = oneLine(e.getOriginalMessage());
            }
            String key = lastLine > 0 && lastLine <= line && !lastKey.isEmpty() ? lastKey : "(file)";
            return new ConfigException(where(line), key, "is not valid YAML: " + (problem.isBlank() ? "unreadable"
                    : problem) + "; fix the syntax (indent with spaces, 'key: value', close every quote and"
                    + " bracket)");
        }

        private static String oneLine(String text) {
            if (text == null) {
                return "";
            }
            return text.lines()
                    .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith(" in "))
                    .map(String::strip)
                    .collect(Collectors.joining("; "));
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
