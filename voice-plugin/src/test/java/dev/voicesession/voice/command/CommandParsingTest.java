package dev.voicesession.voice.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandParsingTest {

    @Test
    @DisplayName("'end' accepts a mention, a nickname mention or a raw id, and nothing else")
    void parseUser() {
        assertThat(EndCommand.parseUser("<@123>")).hasValue(123);
        assertThat(EndCommand.parseUser(" <@!456> ")).hasValue(456);
        assertThat(EndCommand.parseUser("789")).hasValue(789);
        assertThat(EndCommand.parseUser("bob")).isEmpty();
        assertThat(EndCommand.parseUser("")).isEmpty();
    }

    @Test
    @DisplayName("session ages read as seconds, minutes or hours")
    void formatAge() {
        assertThat(SessionsCommand.formatAge(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(SessionsCommand.formatAge(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(SessionsCommand.formatAge(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
    }
}
