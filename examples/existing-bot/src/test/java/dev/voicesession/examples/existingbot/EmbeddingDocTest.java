package dev.voicesession.examples.existingbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/embedding.md shows the example's code as it is, so the page cannot drift from what is tested. */
class EmbeddingDocTest {

    @Test
    @DisplayName("docs/embedding.md holds ExistingBot.start exactly as the example has it")
    void docShowsTheExamplesCode() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/voicesession/examples/existingbot/ExistingBot.java"));
        String doc = Files.readString(Path.of("../../docs/embedding.md"));
        int from = source.indexOf("    public static ExistingBot start(");
        int to = source.indexOf("\n    }\n", from) + "\n    }\n".length();

        String start = source.substring(from, to);

        assertThat(start).contains("// --- voice sessions: everything the bot adds ---").contains(".attach(jda)");
        assertThat(doc).contains(start);
    }
}
