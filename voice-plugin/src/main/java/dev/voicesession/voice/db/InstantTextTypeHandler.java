package dev.voicesession.voice.db;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Stores an {@link Instant} as UTC text in SQLite's {@code CURRENT_TIMESTAMP} format ({@code
 * 2026-11-24 19:04:00.123}), so values the plugin writes and column defaults sort and compare alike.
 * Reads also accept whole seconds, an ISO {@code T} separator and epoch milliseconds.
 */
public final class InstantTextTypeHandler extends BaseTypeHandler<Instant> {

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendLiteral('Z')
            .optionalEnd()
            .toFormatter();

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType)
            throws SQLException {
        ps.setString(i, format(parameter));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return parse(rs.getString(columnName));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return parse(rs.getString(columnIndex));
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return parse(cs.getString(columnIndex));
    }

    /**
     * Formats an instant the way this handler stores it.
     *
     * @param instant the instant
     * @return UTC text with milliseconds
     */
    public static String format(Instant instant) {
        return WRITE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /**
     * Parses a stored timestamp.
     *
     * @param text the column's text, or {@code null}
     * @return the instant, or {@code null} for {@code null}
     * @throws SQLException if the text is not a timestamp
     */
    static Instant parse(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        try {
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return LocalDateTime.parse(value, READ).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new SQLException("Cannot read '" + text + "' as a timestamp", e);
        }
    }
}
