package dev.voicesession.voice.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChannelNamesTest {

    @Test
    @DisplayName("the default template gives Voice-<username>")
    void defaultTemplate() {
        assertThat(ChannelNames.render(VoiceSettings.DEFAULT_NAME_TEMPLATE, "alice_smith", 42)).isEqualTo("Voice-alice_smith");
    }

    @Test
    @DisplayName("mentions, markdown and control characters are removed")
    void stripsMentionsMarkdownAndControls() {
        String name = ChannelNames.render("Voice-{username}", "**bo\u0000b** @everyone <@123> `x`|\u200B", 7);
        assertThat(name).isEqualTo("Voice-bob x");
    }

    @Test
    @DisplayName("white space runs become one space and the ends are trimmed")
    void collapsesWhitespace() {
        assertThat(ChannelNames.sanitize("  a \t\n  b  ")).isEqualTo("a b");
    }

    @Test
    @DisplayName("names are cut to 100 characters without splitting a surrogate pair")
    void truncatesByCodePoint() {
        String emoji = "\uD83C\uDFB5";
        String name = ChannelNames.render("{username}", emoji.repeat(150), 1);
        assertThat(name.codePointCount(0, name.length())).isEqualTo(100);
        assertThat(name).isEqualTo(emoji.repeat(100));
    }

    @Test
    @DisplayName("an empty result falls back to Voice-<userid>")
    void fallsBackWhenEmpty() {
        assertThat(ChannelNames.render("{username}", "@here ** ``", 99)).isEqualTo("Voice-99");
    }

    @Test
    @DisplayName("{userid} is replaced by the id")
    void userIdPlaceholder() {
        assertThat(ChannelNames.render("Room {userid}", "x", 12345)).isEqualTo("Room 12345");
    }
}
