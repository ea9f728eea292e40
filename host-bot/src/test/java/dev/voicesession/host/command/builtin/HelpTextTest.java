package dev.voicesession.host.command.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.host.command.CommandRegistry;
import dev.voicesession.host.support.TestCommand;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HelpTextTest {

    private final CommandRegistry registry = registry();

    private CommandRegistry registry() {
        CommandRegistry.Builder builder = CommandRegistry.builder();
        builder.add(new HelpCommand(() -> null, Set.of()), "host");
        builder.add(TestCommand.of(CommandSpec.builder("voice")
                .aliases("v")
                .help("Start a voice session")
                .arguments("[topic]")
                .guildOnly()
                .cooldown(Duration.ofSeconds(5))
                .userPermissions(Permission.VOICE_CONNECT)
                .botPermissions(Permission.MANAGE_CHANNEL, Permission.VOICE_MOVE_OTHERS)
                .child(TestCommand.of(CommandSpec.builder("end").help("End your session").build()))
                .build()), "voice");
        builder.add(TestCommand.of(CommandSpec.builder("shutdown").help("Stops the bot").ownerOnly().build()), "host");
        return builder.build();
    }

    @Test
    @DisplayName("the overview lists commands and children with the prefix in use")
    void overview() {
        assertThat(HelpText.overview(registry, "?", false)).isEqualTo("""
                Commands:
                ?help [command] - Lists the commands, or explains one
                ?voice [topic] - Start a voice session
                  ?voice end - End your session
                Type ?help <command> for details.""");
    }

    @Test
    @DisplayName("slash help writes a parent's own action with its slashDefault and leaves out prefix-only commands")
    void slashOverview() {
        CommandRegistry.Builder builder = CommandRegistry.builder();
        builder.add(TestCommand.of(CommandSpec.builder("voice").help("Start").slashDefault("start")
                .child(TestCommand.of(CommandSpec.builder("end").help("End").build())).build()), "voice");
        builder.add(TestCommand.of(CommandSpec.builder("legacy").help("Old").prefixOnly().build()), "host");

        assertThat(HelpText.overview(builder.build(), "/", false)).isEqualTo("""
                Commands:
                /voice start - Start
                  /voice end - End
                Type /help <command> for details.""");
    }

    @Test
    @DisplayName("owner-only commands are listed for owners only")
    void ownerCommands() {
        assertThat(HelpText.overview(registry, "!", true)).contains("!shutdown - Stops the bot");
        assertThat(HelpText.details(registry, "!", List.of("shutdown"), false))
                .isEqualTo("There is no command called 'shutdown'. Type !help for the list.");
    }

    @Test
    @DisplayName("details name the aliases, children, cooldown, permissions and limits")
    void details() {
        assertThat(HelpText.details(registry, "/", List.of("voice"), false)).isEqualTo("""
                /voice [topic] - Start a voice session
                Aliases: /v
                Subcommands: end
                Cooldown: 5 s
                You need: Connect
                The bot needs: Manage Channels, Move Members
                Works in servers only.""");
        assertThat(HelpText.details(registry, "!", List.of("!voice", "end"), false))
                .isEqualTo("!voice end - End your session");
        assertThat(HelpText.details(registry, "!", List.of("nothing"), false))
                .isEqualTo("There is no command called 'nothing'. Type !help for the list.");
    }
}
