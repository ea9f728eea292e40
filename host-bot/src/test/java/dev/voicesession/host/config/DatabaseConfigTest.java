package dev.voicesession.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.api.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    @DisplayName("without database.url the host uses the SQLite file")
    void sqliteByDefault() {
        DatabaseSettings database = ConfigLoader.parse("", "config/bot.yml", Map.of()).database();

        assertThat(database.isPostgres()).isFalse();
        assertThat(database.path()).isEqualTo(Path.of("data/bot.db"));
        assertThat(database.url()).isNull();
    }

    @Test
    @DisplayName("database.url, user and password select PostgreSQL; the password never shows in toString")
    void postgresFromFile() {
        DatabaseSettings database = ConfigLoader.parse("""
                database:
                  url: jdbc:postgresql://db.internal:5432/voicebot
                  user: voicebot
                  password: pw-from-file-1234
                  poolSize: 6
                """, "config/bot.yml", Map.of()).database();

        assertThat(database.isPostgres()).isTrue();
        assertThat(database.url()).isEqualTo("jdbc:postgresql://db.internal:5432/voicebot");
        assertThat(database.user()).isEqualTo("voicebot");
        assertThat(database.password()).isEqualTo("pw-from-file-1234");
        assertThat(database.poolSize()).isEqualTo(6);
        assertThat(database.toString()).contains("db.internal").doesNotContain("pw-from-file-1234");
    }

    @Test
    @DisplayName("DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD override the file")
    void environmentOverrides() {
        DatabaseSettings database = ConfigLoader.parse("""
                database:
                  path: data/other.db
                  user: from-file
                """, "config/bot.yml", Map.of(
                        "DATABASE_URL", "jdbc:postgresql://127.0.0.1:5433/bot",
                        "DATABASE_USER", "from-env",
                        "DATABASE_PASSWORD", "pw-from-env-5678")).database();

        assertThat(database.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/bot");
        assertThat(database.user()).isEqualTo("from-env");
        assertThat(database.password()).isEqualTo("pw-from-env-5678");
    }

    @Test
    @DisplayName("a URL that is not PostgreSQL's: the error names the key and the fix")
    void notPostgres() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                database:
                  url: jdbc:mysql://db/voice
                """, "config/bot.yml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.url")
                .hasMessageContaining("jdbc:postgresql://host:5432/database");
    }

    @Test
    @DisplayName("a password inside the URL is refused without echoing it")
    void passwordInUrl() {
        assertThatThrownBy(() -> ConfigLoader.parse("", "config/bot.yml", Map.of(
                        "DATABASE_URL", "jdbc:postgresql://db/voice?user=bot&password=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable DATABASE_URL")
                .hasMessageContaining("database.password")
                .hasMessageNotContaining("hunter2");
    }
}
