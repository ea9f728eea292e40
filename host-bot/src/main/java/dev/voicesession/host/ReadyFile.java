package dev.voicesession.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;

/**
 * The {@code --ready-file} of {@link Main}: written, with the process id, once the bot takes commands (the
 * {@link BotHost} has started and its startup participants ran), and removed when it stops, so that a service
 * manager or a test can wait for it instead of reading the log. Written to a temporary file first and moved in
 * place, so a reader never sees it half written.
 */
final class ReadyFile {

    private static final ReadyFile NONE = new ReadyFile(null, null);

    private final Path path;
    private final Logger log;

    private ReadyFile(Path path, Logger log) {
        this.path = path;
        this.log = log;
    }

    /**
     * Writes the file, if one was asked for. A file that cannot be written is logged and the bot keeps running.
     *
     * @param path the file, or {@code null} for none
     * @param log where a failure is reported
     * @return the written file, to remove at stop
     */
    static ReadyFile write(Path path, Logger log) {
        if (path == null) {
            return NONE;
        }
        Path absolute = path.toAbsolutePath();
        try {
            Path dir = absolute.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, absolute.getFileName().toString(), ".tmp");
            Files.writeString(temp, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new ReadyFile(absolute, log);
        } catch (IOException e) {
            log.error("Cannot write the ready file '{}'; the bot runs, but nothing waiting for that file will see it",
                    absolute, e);
            return NONE;
        }
    }

    /** Removes the file, if it was written. */
    void remove() {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot remove the ready file '{}'", path, e);
        }
    }
}
