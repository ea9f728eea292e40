package dev.voicesession.host.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.host.support.TestCommand;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {

    @Test
    @DisplayName("commands become slash commands; children become subcommands with slashDefault for the parent")
    void build() {
        CommandRegistry.Builder registry = CommandRegistry.builder();
        registry.add(TestCommand.of(CommandSpec.builder("ping")
                .help("Answers pong")
                .option(new OptionData(OptionType.STRING, "text", "What to echo", false))
                .build()), "host");
        registry.add(TestCommand.of(CommandSpec.builder("voice")
                .help("Start a voice session")
                .slashDefault("start")
                .option(new OptionData(OptionType.USER, "with", "Who to invite", false))
                .child(TestCommand.of(CommandSpec.builder("end").help("End it").build()))
                .child(TestCommand.of(CommandSpec.builder("secret").help("Hidden").prefixOnly().build()))
                .build()), "voice");
        registry.add(TestCommand.of(CommandSpec.builder("legacy").help("Prefix only").prefixOnly().build()), "host");

        List<CommandData> data = SlashCommands.build(registry.build());

        assertThat(data).extracting(CommandData::getName).containsExactly("ping", "voice");
        SlashCommandData ping = (SlashCommandData) data.get(0);
        assertThat(ping.getDescription()).isEqualTo("Answers pong");
        assertThat(ping.getOptions()).extracting(OptionData::getName).containsExactly("text");
        SlashCommandData voice = (SlashCommandData) data.get(1);
        assertThat(voice.getOptions()).isEmpty();
        assertThat(voice.getSubcommands()).extracting(SubcommandData::getName).containsExactly("start", "end");
        assertThat(voice.getSubcommands().getFirst().getOptions()).extracting(OptionData::getName)
                .containsExactly("with");
        assertThat(voice.getSubcommands().getFirst().getDescription()).isEqualTo("Start a voice session");
    }

    @Test
    @DisplayName("a command Discord would refuse as a slash command stays prefix-only; the others register")
    void invalidSlashCommand() {
        CommandRegistry.Builder registry = CommandRegistry.builder();
        registry.add(TestCommand.of(CommandSpec.builder("bad")
                .help("Required option after an optional one")
                .option(new OptionData(OptionType.STRING, "first", "optional", false))
                .option(new OptionData(OptionType.STRING, "second", "required", true))
                .build()), "plugin");
        registry.add(TestCommand.of(CommandSpec.builder("good").help("Fine").build()), "host");

        assertThat(SlashCommands.build(registry.build())).extracting(CommandData::getName).containsExactly("good");
    }
}
