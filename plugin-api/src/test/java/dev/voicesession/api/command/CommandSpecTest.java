package dev.voicesession.api.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandSpecTest {

    @Test
    @DisplayName("a spec matches its name and aliases in any case")
    void matchesNameAndAliases() {
        CommandSpec spec = CommandSpec.builder("voice").aliases("vc").help("Start a voice session").build();

        assertThat(spec.matches("VOICE")).isTrue();
        assertThat(spec.matches("vc")).isTrue();
        assertThat(spec.matches("voices")).isFalse();
    }

    @Test
    @DisplayName("the builder's checks and lists end up in the spec, copied")
    void builderCopiesEverything() {
        CommandSpec spec = CommandSpec.builder("end")
                .help("End a session")
                .arguments("<user>")
                .cooldown(Duration.ofSeconds(3))
                .userPermissions(Permission.MANAGE_CHANNEL)
                .botPermissions(Permission.VOICE_CONNECT)
                .guildOnly()
                .build();

        assertThat(spec.arguments()).isEqualTo("<user>");
        assertThat(spec.cooldown()).isEqualTo(Duration.ofSeconds(3));
        assertThat(spec.userPermissions()).containsExactly(Permission.MANAGE_CHANNEL);
        assertThat(spec.botPermissions()).containsExactly(Permission.VOICE_CONNECT);
        assertThat(spec.guildOnly()).isTrue();
        assertThat(spec.ownerOnly()).isFalse();
        assertThat(spec.slash()).isTrue();
    }

    @Test
    @DisplayName("names Discord would refuse as slash commands are rejected with the rule")
    void rejectsInvalidNames() {
        assertThatThrownBy(() -> CommandSpec.builder("Voice Start").help("x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 32 characters");
        assertThatThrownBy(() -> CommandSpec.builder("voice").aliases("").help("x").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("help must fit a slash-command description")
    void rejectsMissingOrLongHelp() {
        assertThatThrownBy(() -> CommandSpec.builder("voice").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("help of command 'voice'");
        assertThatThrownBy(() -> CommandSpec.builder("voice").help("x".repeat(101)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a negative cooldown is rejected")
    void rejectsNegativeCooldown() {
        assertThatThrownBy(() -> CommandSpec.builder("voice").help("x").cooldown(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    @DisplayName("argList splits the arguments on white space")
    void argListSplits() {
        CommandEvent event = new FixedArgsEvent("  a   b c ");
        assertThat(event.argList()).containsExactly("a", "b", "c");
        assertThat(new FixedArgsEvent("   ").argList()).isEmpty();
    }

    private record FixedArgsEvent(String args) implements CommandEvent {
        @Override
        public net.dv8tion.jda.api.entities.User author() {
            throw new UnsupportedOperationException();
        }

        @Override
        public net.dv8tion.jda.api.entities.Member member() {
            return null;
        }

        @Override
        public net.dv8tion.jda.api.entities.Guild guild() {
            return null;
        }

        @Override
        public net.dv8tion.jda.api.entities.channel.middleman.MessageChannel channel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isSlash() {
            return false;
        }

        @Override
        public String invocation() {
            return "!test";
        }

        @Override
        public java.util.concurrent.CompletableFuture<StatusMessage> reply(String content) {
            throw new UnsupportedOperationException();
        }
    }
}
