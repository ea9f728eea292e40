package dev.voicesession.voice.db;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Reads a Discord id kept in a {@code TEXT} column as a {@code long}; a missing or empty value reads
 * as 0. Ids are text in the schema because Discord snowflakes are unsigned 64-bit values.
 */
public final class SnowflakeTypeHandler extends BaseTypeHandler<Long> {

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Long parameter, JdbcType jdbcType)
            throws SQLException {
        ps.setString(i, Long.toUnsignedString(parameter));
    }

    @Override
    public Long getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return parse(rs.getString(columnName));
    }

    @Override
    public Long getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return parse(rs.getString(columnIndex));
    }

    @Override
    public Long getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return parse(cs.getString(columnIndex));
    }

    private static Long parse(String text) throws SQLException {
        if (text == null || text.isBlank()) {
            return 0L;
        }
        try {
            return Long.parseUnsignedLong(text.strip());
        } catch (NumberFormatException e) {
            throw new SQLException("Cannot read '" + text + "' as a Discord id", e);
        }
    }
}
