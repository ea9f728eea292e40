package dev.voicesession.host.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.host.command.CommandParser.Parsed;
import dev.voicesession.host.support.TestCommand;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private final CommandParser parser = new CommandParser(registry());

    private static CommandRegistry registry() {
        CommandRegistry.Builder builder = CommandRegistry.builder();
        builder.add(TestCommand.of(CommandSpec.builder("voice")
                .aliases("v")
                .help("Voice")
                .slashDefault("start")
                .child(TestCommand.of(CommandSpec.builder("end").aliases("stop").help("End").build()))
                .build()), "voice");
        builder.add(TestCommand.of(CommandSpec.builder("ping").help("Ping").build()), "host");
        return builder.build();
    }

    @Test
    @DisplayName("'!ping' names the command with no arguments")
    void simple() {
        Parsed parsed = parser.parse("!ping", "!").orElseThrow();

        assertThat(parsed.command().path()).isEqualTo("ping");
        assertThat(parsed.args()).isEmpty();
        assertThat(parsed.invocation()).isEqualTo("!ping");
    }

    @Test
    @DisplayName("arguments are the trimmed rest of the message")
    void arguments() {
        Parsed parsed = parser.parse("  !ping   a  b ", "!").orElseThrow();

        assertThat(parsed.args()).isEqualTo("a  b");
    }

    @Test
    @DisplayName("aliases and case do not matter")
    void aliasAndCase() {
        assertThat(parser.parse("!V", "!")).map(p -> p.command().path()).contains("voice");
        assertThat(parser.parse("!VOICE END now", "!")).map(p -> p.command().path()).contains("voice end");
        assertThat(parser.parse("!v stop", "!")).map(Parsed::invocation).contains("!voice end");
    }

    @Test
    @DisplayName("a child is run with the words after it as arguments")
    void child() {
        Parsed parsed = parser.parse("!voice end because", "!").orElseThrow();

        assertThat(parsed.command().path()).isEqualTo("voice end");
        assertThat(parsed.args()).isEqualTo("because");
    }

    @Test
    @DisplayName("a word that is not a child stays an argument of the parent")
    void notAChild() {
        Parsed parsed = parser.parse("!voice now", "!").orElseThrow();

        assertThat(parsed.command().path()).isEqualTo("voice");
        assertThat(parsed.args()).isEqualTo("now");
    }

    @Test
    @DisplayName("other prefixes, unknown commands and a lone prefix are not commands")
    void notCommands() {
        assertThat(parser.parse("?ping", "!")).isEmpty();
        assertThat(parser.parse("!pong", "!")).isEmpty();
        assertThat(parser.parse("!", "!")).isEmpty();
        assertThat(parser.parse("! ping", "!")).isEmpty();
        assertThat(parser.parse("hello !ping", "!")).isEmpty();
    }

    @Test
    @DisplayName("a multi-character guild prefix works")
    void longPrefix() {
        Optional<Parsed> parsed = parser.parse("bot>ping x", "bot>");

        assertThat(parsed).map(Parsed::invocation).contains("bot>ping");
        assertThat(parsed).map(Parsed::args).contains("x");
    }

    @Test
    @DisplayName("a command whose name is taken is refused; the first stays")
    void duplicates() {
        CommandRegistry.Builder builder = CommandRegistry.builder();
        assertThat(builder.add(TestCommand.of(CommandSpec.builder("ping").help("A").build()), "a")).isTrue();
        assertThat(builder.add(TestCommand.of(CommandSpec.builder("pong").aliases("ping").help("B").build()), "b"))
                .isFalse();
        CommandRegistry registry = builder.build();

        assertThat(registry.commands()).extracting(RegisteredCommand::owner).containsExactly("a");
        assertThat(registry.find("pong")).isEmpty();
    }

    @Test
    @DisplayName("a command whose spec is invalid is refused; the others register")
    void invalidSpec() {
        CommandRegistry.Builder builder = CommandRegistry.builder();
        assertThat(builder.add(TestCommand.of(CommandSpec.builder("ping").help("A").build()), "a")).isTrue();
        assertThat(builder.add(new dev.voicesession.api.command.BotCommand() {
            @Override
            public CommandSpec spec() {
                return CommandSpec.builder("Not Valid").help("B").build();
            }

            @Override
            public void execute(dev.voicesession.api.command.CommandEvent event) {}
        }, "b")).isFalse();

        assertThat(builder.build().commands()).extracting(RegisteredCommand::path).containsExactly("ping");
    }

    @Test
    @DisplayName("slash invocations find the parent through slashDefault and children by name")
    void slashLookup() {
        CommandRegistry registry = registry();

        assertThat(registry.findSlash("voice", "start")).map(RegisteredCommand::path).contains("voice");
        assertThat(registry.findSlash("voice", "end")).map(RegisteredCommand::path).contains("voice end");
        assertThat(registry.findSlash("ping", null)).map(RegisteredCommand::path).contains("ping");
        assertThat(registry.findSlash("voice", "nope")).isEmpty();
        assertThat(registry.findSlash("nope", null)).isEmpty();
    }
}
