package dev.voicesession.host.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DaveCheckTest {

    @Test
    @DisplayName("glibc versions compare by number, not as text")
    void versions() {
        assertThat(DaveCheck.atLeast("2.38", DaveCheck.MIN_GLIBC)).isTrue();
        assertThat(DaveCheck.atLeast("2.41", DaveCheck.MIN_GLIBC)).isTrue();
        assertThat(DaveCheck.atLeast("3.0", DaveCheck.MIN_GLIBC)).isTrue();
        assertThat(DaveCheck.atLeast("2.36", DaveCheck.MIN_GLIBC)).isFalse();
        assertThat(DaveCheck.atLeast("2.4", DaveCheck.MIN_GLIBC)).isFalse();
        assertThat(DaveCheck.atLeast("1.99", DaveCheck.MIN_GLIBC)).isFalse();
        assertThat(DaveCheck.atLeast("unknown", DaveCheck.MIN_GLIBC)).isFalse();
    }

    @Test
    @DisplayName("on glibc Linux the running C library's version is read, as 'ldd --version' shows it")
    void glibcVersion() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"));
        Process ldd = new ProcessBuilder("ldd", "--version").redirectErrorStream(true).start();
        String firstLine = new String(ldd.getInputStream().readAllBytes()).lines().findFirst().orElse("");
        ldd.waitFor();
        assumeTrue(firstLine.toLowerCase(Locale.ROOT).contains("glibc") || firstLine.contains("GNU libc"));

        assertThat(DaveCheck.glibcVersion()).hasValueSatisfying(version -> assertThat(firstLine).endsWith(version));
    }

    @Test
    @DisplayName("the check answers the same every time and leaves no jdave directory in java.io.tmpdir")
    void onceAndNothingLeft() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = jdaveDirectories(tmp);

        boolean first = DaveCheck.run(DaveCheck.Need.OPTIONAL);
        boolean second = DaveCheck.run(DaveCheck.Need.REQUIRED);

        assertThat(second).isEqualTo(first);
        assertThat(jdaveDirectories(tmp)).isLessThanOrEqualTo(before);
    }

    private static long jdaveDirectories(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("jdave")).count();
        }
    }
}
