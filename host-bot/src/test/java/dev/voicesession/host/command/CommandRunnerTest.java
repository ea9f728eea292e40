package dev.voicesession.host.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandResult;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.host.support.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    private static final long USER = 10L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CommandRunner runner = new CommandRunner(new CommandChecks(new CooldownTracker(clock)));
    private final List<String> replies = new ArrayList<>();
    private final CheckContext context = new CheckContext(USER, false, true, required -> Set.of(), required -> Set.of());

    /** A command with a 5 s cooldown whose result the test sets. */
    private static final class Voice implements BotCommand {
        final AtomicReference<CommandResult> result = new AtomicReference<>(CommandResult.DONE);
        int runs;

        @Override
        public CommandSpec spec() {
            return CommandSpec.builder("voice").help("v").cooldown(Duration.ofSeconds(5)).build();
        }

        @Override
        public void execute(CommandEvent event) {
            run(event);
        }

        @Override
        public CommandResult run(CommandEvent event) {
            runs++;
            return result.get();
        }
    }

    private CommandEvent event() {
        return (CommandEvent) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CommandEvent.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "invocation" -> "!voice";
                    case "reply" -> {
                        replies.add((String) args[0]);
                        yield CompletableFuture.<StatusMessage>completedFuture(null);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    @DisplayName("a run the command refuses at once does not start the cooldown; a run it does starts it")
    void refusedRunNotCounted() {
        Voice voice = new Voice();
        RegisteredCommand command = RegisteredCommand.of(voice, "voice");

        voice.result.set(CommandResult.REFUSED);
        assertThat(runner.run(command, event(), context)).isTrue();
        assertThat(runner.run(command, event(), context)).isTrue();
        assertThat(voice.runs).isEqualTo(2);
        assertThat(replies).isEmpty();

        voice.result.set(CommandResult.DONE);
        runner.run(command, event(), context);
        assertThat(runner.run(command, event(), context)).isFalse();
        assertThat(voice.runs).isEqualTo(3);
        assertThat(replies).containsExactly("!voice is on cooldown for you; try again in 5 seconds.");
    }
}
