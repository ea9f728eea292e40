package dev.voicesession.emulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documented shape of one Discord object, written in the documentation's own notation: {@code "name?: ?type"}
 * where a {@code ?} after the name means the field may be absent and a {@code ?} before the type means it may be
 * null. Types: {@code snowflake}, {@code string}, {@code integer}, {@code number}, {@code boolean},
 * {@code timestamp} (ISO 8601), {@code permissions} (a decimal string of documented permission bits),
 * {@code object}, {@code any}, {@code array}, {@code array<T>}, or the name of another {@link DocShapes} shape.
 *
 * <p>{@link #problems} lists every way a payload differs: a field that must be present and is not, a null where
 * the documentation allows none, a value of another type, and a field the documentation does not list (unless
 * it is named with {@link #undocumented}, with the reason it is sent: those are the known differences).
 */
final class Shape {
    private static final Pattern FIELD = Pattern.compile("([a-z0-9_]+)(\\?)?: (\\?)?(.+)");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");

    /** Every permission bit Discord documents (topics/permissions): 0 to 46 and 48 to 52. */
    static final BigInteger DOCUMENTED_PERMISSIONS;

    static {
        BigInteger bits = BigInteger.ZERO;
        for (int bit = 0; bit <= 52; bit++) {
            if (bit != 47) {
                bits = bits.setBit(bit);
            }
        }
        DOCUMENTED_PERMISSIONS = bits;
    }

    private record Field(String name, boolean optional, boolean nullable, String type) {}

    final String name;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Map<String, String> undocumented = new LinkedHashMap<>();

    private Shape(String name) {
        this.name = name;
    }

    /** A shape from field lines in the documentation's notation. */
    static Shape of(String name, String... lines) {
        Shape shape = new Shape(name);
        for (String line : lines) {
            Matcher m = FIELD.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("Bad field line '" + line + "' in shape " + name);
            }
            shape.fields.put(m.group(1), new Field(m.group(1), m.group(2) != null, m.group(3) != null, m.group(4)));
        }
        return shape;
    }

    /** A copy with more fields (an event's extra fields on top of an object). */
    Shape plus(String newName, String... lines) {
        Shape shape = of(newName, lines);
        Shape merged = new Shape(newName);
        merged.fields.putAll(fields);
        merged.fields.putAll(shape.fields);
        merged.undocumented.putAll(undocumented);
        return merged;
    }

    /** A copy in which the named optional fields must be present (Discord always sends them in this payload). */
    Shape requiring(String newName, String... names) {
        Shape shape = new Shape(newName);
        shape.fields.putAll(fields);
        shape.undocumented.putAll(undocumented);
        for (String field : names) {
            Field f = fields.get(field);
            if (f == null) {
                throw new IllegalArgumentException("Shape " + name + " has no field '" + field + "'");
            }
            shape.fields.put(field, new Field(field, false, f.nullable(), f.type()));
        }
        return shape;
    }

    /** Accepts a field the documentation's table does not list, for the given reason (a known difference). */
    Shape undocumented(String field, String reason) {
        undocumented.put(field, reason);
        return this;
    }

    /** The fields accepted without documentation, with their reasons. */
    Map<String, String> undocumentedFields() {
        return Map.copyOf(undocumented);
    }

    /** Every difference between {@code node} and this shape, as {@code path: problem}. */
    List<String> problems(JsonNode node, String path) {
        List<String> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            problems.add(path + ": expected a " + name + " object, got " + node);
            return problems;
        }
        for (Field field : fields.values()) {
            JsonNode value = node.get(field.name());
            String at = path + "." + field.name();
            if (value == null) {
                if (!field.optional()) {
                    problems.add(at + ": missing (always present in " + name + ")");
                }
            } else if (value.isNull()) {
                if (!field.nullable()) {
                    problems.add(at + ": null, documented as " + field.type() + " (absent or a value, never null)");
                }
            } else {
                problems.addAll(typeProblems(field.type(), value, at));
            }
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!fields.containsKey(key) && !undocumented.containsKey(key)) {
                problems.add(path + "." + key + ": not a documented field of " + name);
            }
        });
        return problems;
    }

    private static List<String> typeProblems(String type, JsonNode value, String at) {
        if (type.startsWith("array")) {
            if (!value.isArray()) {
                return List.of(at + ": expected an array, got " + value.getNodeType());
            }
            if (!type.startsWith("array<")) {
                return List.of();
            }
            String item = type.substring(6, type.length() - 1);
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                problems.addAll(typeProblems(item, value.get(i), at + "[" + i + "]"));
            }
            return problems;
        }
        boolean ok = switch (type) {
            case "snowflake" -> value.isTextual() && SNOWFLAKE.matcher(value.asText()).matches()
                    && new BigInteger(value.asText()).bitLength() <= 64;
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "timestamp" -> value.isTextual() && isTimestamp(value.asText());
            case "permissions" -> value.isTextual() && isPermissions(value.asText());
            case "object" -> value.isObject();
            case "any" -> true;
            default -> {
                yield DocShapes.shape(type) != null;
            }
        };
        if (!ok) {
            return List.of(at + ": " + value + " is not a " + type);
        }
        Shape nested = DocShapes.shape(type);
        return nested == null ? List.of() : nested.problems(value, at);
    }

    private static boolean isTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A non-negative decimal integer made of documented permission bits only. */
    static boolean isPermissions(String text) {
        if (!text.matches("\\d+")) {
            return false;
        }
        BigInteger bits = new BigInteger(text);
        return bits.andNot(DOCUMENTED_PERMISSIONS).signum() == 0;
    }
}
