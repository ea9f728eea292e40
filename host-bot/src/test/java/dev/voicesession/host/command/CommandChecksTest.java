package dev.voicesession.host.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.host.support.MutableClock;
import dev.voicesession.host.support.TestCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandChecksTest {

    private static final long USER = 10L;
    private static final long OTHER_USER = 11L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CommandChecks checks = new CommandChecks(new CooldownTracker(clock));

    private static RegisteredCommand command(CommandSpec spec) {
        return RegisteredCommand.of(TestCommand.of(spec), "test");
    }

    /** A guild context where the member holds {@code userHas} and the bot holds {@code botHas}. */
    private static CheckContext inGuild(long userId, boolean owner, Set<Permission> userHas, Set<Permission> botHas) {
        return new CheckContext(userId, owner, true, required -> without(required, userHas),
                required -> without(required, botHas));
    }

    private static Set<Permission> without(Set<Permission> required, Set<Permission> held) {
        return required.stream().filter(p -> !held.contains(p)).collect(Collectors.toSet());
    }

    private static final Set<Permission> ALL = EnumSet.allOf(Permission.class);

    @Test
    @DisplayName("a command without checks runs")
    void noChecks() {
        assertThat(checks.check(command(CommandSpec.builder("ping").help("p").build()), "!ping",
                inGuild(USER, false, Set.of(), Set.of()))).isEmpty();
    }

    @Test
    @DisplayName("a guild-only command in a direct message is refused clearly")
    void guildOnly() {
        CheckContext dm = new CheckContext(USER, false, false, r -> r, r -> r);

        assertThat(checks.check(command(CommandSpec.builder("voice").help("v").guildOnly().build()), "!voice", dm))
                .contains("!voice only works in a server, not in direct messages.");
    }

    @Test
    @DisplayName("an owner-only command is refused to others and runs for owners")
    void ownerOnly() {
        RegisteredCommand shutdown = command(CommandSpec.builder("shutdown").help("s").ownerOnly().build());

        assertThat(checks.check(shutdown, "!shutdown", inGuild(USER, false, ALL, ALL)))
                .contains("!shutdown can only be used by the bot's owners.");
        assertThat(checks.check(shutdown, "!shutdown", inGuild(USER, true, ALL, ALL))).isEmpty();
    }

    @Test
    @DisplayName("missing user permissions are named in the reply")
    void userPermissions() {
        RegisteredCommand command = command(CommandSpec.builder("kick").help("k")
                .userPermissions(Permission.KICK_MEMBERS, Permission.MANAGE_CHANNEL).build());

        assertThat(checks.check(command, "!kick", inGuild(USER, false, Set.of(Permission.KICK_MEMBERS), ALL)))
                .contains("You need the Manage Channels permission in this channel to use !kick.");
        assertThat(checks.check(command, "!kick", inGuild(USER, false, Set.of(), ALL)))
                .contains("You need the Kick Members and Manage Channels permissions in this channel to use !kick.");
    }

    @Test
    @DisplayName("missing bot permissions are named in the reply, after the user's")
    void botPermissions() {
        RegisteredCommand command = command(CommandSpec.builder("voice").help("v")
                .userPermissions(Permission.VOICE_CONNECT)
                .botPermissions(Permission.MANAGE_CHANNEL, Permission.VOICE_MOVE_OTHERS, Permission.VOICE_CONNECT)
                .build());

        assertThat(checks.check(command, "/voice", inGuild(USER, false, ALL, Set.of(Permission.VOICE_CONNECT))))
                .contains("I need the Manage Channels and Move Members permissions in this channel to run /voice; ask"
                        + " a server admin to grant it.");
        assertThat(checks.check(command, "/voice", inGuild(USER, false, Set.of(), Set.of())))
                .hasValueSatisfying(reply -> assertThat(reply).startsWith("You need the Connect permission"));
    }

    @Test
    @DisplayName("the cooldown is per user and per command, and ends with the clock")
    void cooldown() {
        RegisteredCommand command = command(CommandSpec.builder("voice").help("v").cooldown(Duration.ofSeconds(10))
                .build());
        RegisteredCommand other = command(CommandSpec.builder("other").help("o").cooldown(Duration.ofSeconds(10))
                .build());

        assertThat(checks.check(command, "!voice", inGuild(USER, false, ALL, ALL))).isEmpty();
        clock.advance(Duration.ofMillis(2_500));
        assertThat(checks.check(command, "!voice", inGuild(USER, false, ALL, ALL)))
                .contains("!voice is on cooldown for you; try again in 8 seconds.");
        assertThat(checks.check(command, "!voice", inGuild(OTHER_USER, false, ALL, ALL))).isEmpty();
        assertThat(checks.check(other, "!other", inGuild(USER, false, ALL, ALL))).isEmpty();
        clock.advance(Duration.ofMillis(7_000));
        assertThat(checks.check(command, "!voice", inGuild(USER, false, ALL, ALL)))
                .contains("!voice is on cooldown for you; try again in 1 second.");
        clock.advance(Duration.ofMillis(500));
        assertThat(checks.check(command, "!voice", inGuild(USER, false, ALL, ALL))).isEmpty();
    }

    @Test
    @DisplayName("a refused invocation does not start the cooldown; owners skip it")
    void cooldownOnlyWhenRun() {
        RegisteredCommand command = command(CommandSpec.builder("voice").help("v").cooldown(Duration.ofSeconds(10))
                .userPermissions(Permission.VOICE_CONNECT).build());

        assertThat(checks.check(command, "!voice", inGuild(USER, false, Set.of(), ALL))).isPresent();
        assertThat(checks.check(command, "!voice", inGuild(USER, false, ALL, ALL))).isEmpty();
        assertThat(checks.check(command, "!voice", inGuild(USER, true, ALL, ALL))).isEmpty();
        assertThat(checks.check(command, "!voice", inGuild(USER, true, ALL, ALL))).isEmpty();
    }
}
