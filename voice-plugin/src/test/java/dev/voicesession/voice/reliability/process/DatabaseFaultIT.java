package dev.voicesession.voice.reliability.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.voice.testing.StoredSession;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's SQLite file locked by another process, read-only, on a full disk, and corrupted, at start
 * and while sessions run. The bot either refuses to start with a message that names the file and the
 * problem, or keeps running and tells users that a voice session cannot be started; it never loses a
 * session row or writes half of one, and a session whose row could not be ended while the database was
 * unusable is ended once it is usable again.
 *
 * <p>The read-only and full-disk cases put the database on a small tmpfs, which needs root; elsewhere they
 * are skipped with the reason. A file system cannot be made read-only under a running bot (the kernel
 * refuses to remount it while the bot has the file open for writing), so read-only is tried at start;
 * the write lock and the full disk make writes fail under a running bot.
 */
class DatabaseFaultIT {

    private static final RunLog RUNS = new RunLog("database-faults");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final String DB_ERROR = "could not be started because of a database error";

    @TempDir
    Path dir;

    private ProcessWorld world;
    private Path dataDir;
    private boolean mounted;

    @AfterEach
    void tearDown() {
        try {
            if (world != null) {
                RUNS.startups(world.startups());
                world.close();
            }
        } finally {
            if (mounted) {
                Mounts.unmount(dataDir);
            }
        }
    }

    @AfterAll
    static void figures() {
        RUNS.write(List.of("Database: SQLite (WAL), busy timeout 2 s"));
    }

    /** A world whose database holds one ended session, with the host running. */
    private void prepare(boolean onTmpfs) {
        dataDir = dir.resolve("db");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (onTmpfs) {
            String reason = Mounts.unavailable(dir.resolve("mount-probe"));
            Assumptions.assumeTrue(reason == null, () -> "Skipped: " + reason);
            Mounts.tmpfs(dataDir, "4m");
            mounted = true;
        }
        world = new ProcessWorld(dir, dataDir.resolve("bot.db"));
        world.writeConfig("");
        world.startHost();
        Driver d = new Driver(world, Trigger.manual("(none)"));
        d.activeSession(world.alice);
        d.say(world.alice, "!voice close");
        d.awaitText("Voice session ended");
        await().until(() -> world.rows.active().isEmpty());
    }

    private void stopHost() {
        world.host.terminate(Duration.ofSeconds(30));
    }

    // ---- locked

    @Test
    @DisplayName("locked by another process at start: the bot refuses to start and says the file is locked")
    void lockedAtStart() {
        prepare(false);
        stopHost();
        List<StoredSession> before = world.rows.all();

        int status;
        try (var _ = DatabaseHolder.exclusive(world.dbFile)) {
            world.launch(Map.of());
            status = world.host.awaitExit(EXIT_TIMEOUT);
        }

        String output = world.host.output();
        assertThat(status).as(output).isEqualTo(1);
        assertThat(output).contains(world.dbFile.toString()).containsIgnoringCase("locked");
        assertThat(world.rows.all()).isEqualTo(before);
        restartAndCheck("locked by another process at start", refusal(status, output), before);
    }

    @Test
    @DisplayName("locked while running: a new request is refused with a message, an ending session is ended once"
            + " the lock is gone")
    void lockedWhileRunning() {
        prepare(false);
        List<StoredSession> before = world.rows.all();
        Driver d = new Driver(world, Trigger.manual("(none)"));
        try (var _ = DatabaseHolder.writeLock(world.dbFile)) {
            d.say(world.alice, "!voice");
            d.awaitText(DB_ERROR);
            assertThat(world.pluginChannels()).isEmpty();
        }
        assertThat(world.rows.all()).isEqualTo(before);

        d.newMark();
        d.activeSession(world.alice);
        long channel = world.sessionChannel(world.alice).orElseThrow().id();
        try (var _ = DatabaseHolder.writeLock(world.dbFile)) {
            d.leave(world.alice);
            d.awaitText("Voice session ended");
            assertThat(world.control.channel(channel)).isEmpty();
            assertThat(world.rows.active()).hasSize(1);
        }
        endedOnceUsable("locked while running");
    }

    // ---- read-only

    @Test
    @DisplayName("read-only file system at start: the bot refuses to start and says the database is read-only")
    void readOnlyAtStart() {
        prepare(true);
        stopHost();
        List<StoredSession> before = world.rows.all();
        Mounts.remount(dataDir, true);

        world.launch(Map.of());
        int status = world.host.awaitExit(EXIT_TIMEOUT);

        String output = world.host.output();
        assertThat(status).as(output).isEqualTo(1);
        assertThat(output).contains(world.dbFile.toString()).containsIgnoringCase("read-only");
        assertThat(world.rows.all()).isEqualTo(before);
        Mounts.remount(dataDir, false);
        restartAndCheck("read-only file system at start", refusal(status, output), before);
    }

    // ---- full disk

    @Test
    @DisplayName("full disk while running: a new request is refused with a message, an ending session is ended once"
            + " there is space again")
    void fullDiskWhileRunning() throws IOException {
        prepare(true);
        List<StoredSession> before = world.rows.all();
        Driver d = new Driver(world, Trigger.manual("(none)"));
        Path filler = Mounts.fill(dataDir);
        d.say(world.alice, "!voice");
        d.awaitText(DB_ERROR);
        assertThat(world.pluginChannels()).isEmpty();
        Files.delete(filler);
        assertThat(world.rows.all()).isEqualTo(before);

        d.newMark();
        d.activeSession(world.alice);
        filler = Mounts.fill(dataDir);
        d.leave(world.alice);
        d.awaitText("Voice session ended");
        assertThat(world.pluginChannels()).isEmpty();
        Files.delete(filler);
        endedOnceUsable("full disk while running");
    }

    @Test
    @DisplayName("full disk at start: the bot starts, refuses sessions with a message, and works once there is space")
    void fullDiskAtStart() throws IOException {
        prepare(true);
        stopHost();
        List<StoredSession> before = world.rows.all();
        Path filler = Mounts.fill(dataDir);

        world.launch(Map.of());
        world.host.awaitStarted(ProcessWorld.START_TIMEOUT);
        Driver d = new Driver(world, Trigger.manual("(none)"));
        d.say(world.alice, "!voice");
        d.awaitText(DB_ERROR);
        assertThat(world.pluginChannels()).isEmpty();
        assertThat(world.rows.all()).isEqualTo(before);
        Files.delete(filler);

        d.newMark();
        d.activeSession(world.alice);
        d.leave(world.alice);
        d.awaitText("Voice session ended");
        await().until(() -> world.rows.active().isEmpty());
        List<String> violations = world.violationsAtRest();
        RUNS.add(new RunLog.Entry("full disk at start", "started; '!voice' refused with a message; worked once"
                + " space was freed", violations, Duration.ZERO));
        assertThat(violations).isEmpty();
    }

    // ---- corrupted

    @Test
    @DisplayName("corrupted header: the bot refuses to start, says the file is not a usable database, leaves it as is")
    void corruptedHeader() {
        prepare(false);
        stopHost();
        overwrite(world.dbFile, 0, 100);
        refusedAndUntouched("corrupted file (garbage header)");
    }

    @Test
    @DisplayName("corrupted pages: the bot refuses to start, says the file is corrupt, leaves it as is")
    void corruptedPages() throws IOException {
        prepare(false);
        stopHost();
        long size = Files.size(world.dbFile);
        overwrite(world.dbFile, 4096, (int) (size - 4096));
        refusedAndUntouched("corrupted file (garbage pages)");
    }

    // ---- helpers

    /** Starts the bot on the damaged file: it must refuse, name the file as corrupt, and leave it unchanged. */
    private void refusedAndUntouched(String run) {
        String hash = hash(world.dbFile);

        world.launch(Map.of());
        int status = world.host.awaitExit(EXIT_TIMEOUT);

        String output = world.host.output();
        assertThat(status).as(output).isEqualTo(1);
        assertThat(output).contains(world.dbFile.toString()).containsIgnoringCase("corrupt");
        assertThat(hash(world.dbFile)).as("the file is left as it was, for recovery").isEqualTo(hash);
        RUNS.add(new RunLog.Entry(run, refusal(status, output) + "; file untouched", List.of(), Duration.ZERO));
    }

    /** The session whose row could not be ended is ended once the database is usable; nothing else changed. */
    private void endedOnceUsable(String fault) {
        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> world.rows.active().isEmpty());
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        StoredSession row = world.rows.all().getLast();
        assertThat(row.endReason()).isEqualTo("user_left");
        assertThat(row.channelDeletedAt()).isNotNull();
        List<String> violations = world.violationsAtRest();
        RUNS.add(new RunLog.Entry(fault, "request refused with a message; row ended " + took.toMillis() + " ms after"
                + " the database was usable again", violations, took));
        assertThat(violations).isEmpty();
    }

    private void restartAndCheck(String fault, String outcome, List<StoredSession> before) {
        world.startHost();
        List<String> violations = world.violationsAtRest();
        assertThat(world.rows.all()).isEqualTo(before);
        RUNS.add(new RunLog.Entry(fault, outcome + "; rows unchanged; started normally once the fault was gone",
                violations, world.host.startup()));
        assertThat(violations).isEmpty();
    }

    /** The host's one-line reason for refusing to start, with the temporary directory shortened. */
    private String refusal(int status, String output) {
        String line = output.lines().filter(l -> l.contains("Cannot start the bot: ")).findFirst()
                .orElse("Cannot start the bot: (no message)");
        return "refused to start (exit " + status + "): "
                + line.substring(line.indexOf("Cannot start the bot: ")).replace(dir.toString(), "<dir>");
    }

    private static void overwrite(Path file, long offset, int length) {
        byte[] garbage = new byte[length];
        new Random(42).nextBytes(garbage);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.seek(offset);
            out.write(garbage);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
