package dev.voicesession.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.host.StartupFailure.Kind;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.db.DatabaseException;
import dev.voicesession.host.jda.GatewayClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which failure each error is; the process test {@code StartupProcessIT} runs the real jar. */
class StartupFailureTest {

    private static final HostConfig CONFIG = ConfigLoader.parse("discord:\n  token: abc\n", "config/bot.yml", Map.of());

    private static StartupFailure of(Throwable error) {
        return StartupFailure.of(error, CONFIG, false);
    }

    @Test
    @DisplayName("an unknown host or a refused connection, however wrapped, is 'Discord unreachable'")
    void unreachable() {
        assertThat(of(new CompletionException(new UnknownHostException("discord.com"))).kind())
                .isEqualTo(Kind.DISCORD_UNREACHABLE);
        assertThat(of(new CompletionException(new ConnectException("Connection refused"))).kind())
                .isEqualTo(Kind.DISCORD_UNREACHABLE);
        assertThat(of(new HostStartException("not every shard", new TimeoutException())).kind())
                .isEqualTo(Kind.DISCORD_UNREACHABLE);
        assertThat(of(new CompletionException(new UnknownHostException("discord.com"))).paragraph())
                .contains("discord.com")
                .doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a refused token names where the token came from")
    void tokenRefused() {
        StartupFailure fromFile = of(new HostStartException("refused", new InvalidTokenException()));
        StartupFailure fromEnv = StartupFailure.of(new InvalidTokenException(), CONFIG, true);

        assertThat(fromFile.kind()).isEqualTo(Kind.TOKEN_REFUSED);
        assertThat(fromFile.paragraph()).contains("discord.token in config/bot.yml");
        assertThat(fromEnv.paragraph()).contains("DISCORD_TOKEN");
        assertThat(of(new GatewayClosedException(0, 4004)).kind()).isEqualTo(Kind.TOKEN_REFUSED);
    }

    @Test
    @DisplayName("gateway close 4014 is a privileged intent to enable in the developer portal")
    void disallowedIntents() {
        StartupFailure failure = of(new HostStartException("a shard failed", new GatewayClosedException(0, 4014)));

        assertThat(failure.kind()).isEqualTo(Kind.INTENT_NOT_ENABLED);
        assertThat(failure.kind().exitStatus()).isEqualTo(5);
        assertThat(failure.paragraph()).contains("Message Content Intent");
    }

    @Test
    @DisplayName("a missing permission names it")
    void missingPermission() {
        StartupFailure failure = of(new CompletionException(new PermissionException(Permission.MANAGE_CHANNEL) {}));

        assertThat(failure.kind()).isEqualTo(Kind.MISSING_PERMISSION);
        assertThat(failure.paragraph()).contains(Permission.MANAGE_CHANNEL.getName());
    }

    @Test
    @DisplayName("anything else keeps its own message and exit status 1")
    void other() {
        StartupFailure failure = of(new DatabaseException("Cannot open data/bot.db: read-only file system", null));

        assertThat(failure.kind()).isEqualTo(Kind.OTHER);
        assertThat(failure.kind().exitStatus()).isEqualTo(Main.START_FAILED);
        assertThat(failure.paragraph()).contains("read-only file system");
    }

    @Test
    @DisplayName("every kind has its own exit status, apart from 0 (stopped) and 2 (usage)")
    void distinctStatuses() {
        assertThat(java.util.Arrays.stream(Kind.values()).map(Kind::exitStatus))
                .doesNotHaveDuplicates()
                .doesNotContain(Main.OK, Main.USAGE);
    }
}
