package dev.voicesession.voice.reliability.process;

import static org.awaitility.Awaitility.await;

import dev.voicesession.host.config.EnvOverrides;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real host ({@code dev.voicesession.host.Main}) as a child process: started with a config file,
 * its standard output and error captured to files, and stopped with SIGKILL ({@link #kill()}) or SIGTERM
 * ({@link #terminate(Duration)}). {@link #close()} always kills a process still alive, so no child
 * outlives its test.
 *
 * <p>The classpath is the host's fat jar ({@code host.bot.jar}, set by failsafe to
 * {@code host-bot/target/host-bot.jar}) when it exists, else the test JVM's own classpath without this
 * module's classes. The JVM starts with C1 only, the serial collector and a class-data archive in
 * {@code target/host-process/} that the first process to exit normally writes ({@link
 * #classArchiveStale()}), which brings a start against the emulator from about 1.9 s down to about 1 s on
 * two cores.
 */
final class HostProcess implements AutoCloseable {

    /** The file name of the host's {@code --ready-file} in the output directory. */
    static final String READY_FILE = "ready";

    private static final Logger log = LoggerFactory.getLogger(HostProcess.class);
    private static final String MAIN = "dev.voicesession.host.Main";

    /** Every child still running; a shutdown hook kills them if the test JVM itself is stopped. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("host-process-reaper").unstarted(
                () -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path readyFile;
    private final long launchedNanos;
    private volatile Duration startup;

    private HostProcess(Process process, Path stdout, Path stderr, Path readyFile, long launchedNanos) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.readyFile = readyFile;
        this.launchedNanos = launchedNanos;
    }

    /**
     * Starts the host.
     *
     * @param config the YAML file for {@code --config}
     * @param outputDir where {@code stdout.log} and {@code stderr.log} go (created)
     * @param env environment variables to set; every host override variable not named here is removed
     * @return the running process (not yet ready)
     */
    static HostProcess launch(Path config, Path outputDir, Map<String, String> env) {
        Path readyFile = outputDir.toAbsolutePath().resolve(READY_FILE);
        try {
            Files.createDirectories(outputDir);
            // A host killed with SIGKILL leaves its ready file behind.
            Files.deleteIfExists(readyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(javaCommand());
        command.add(MAIN);
        command.add("--config");
        command.add(config.toString());
        command.add("--ready-file");
        command.add(readyFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(outputDir.toFile())
                .redirectOutput(outputDir.resolve("stdout.log").toFile())
                .redirectError(outputDir.resolve("stderr.log").toFile());
        EnvOverrides.VARIABLES.keySet().forEach(builder.environment()::remove);
        builder.environment().remove("BOT_CONFIG");
        builder.environment().putAll(env);
        long launched = System.nanoTime();
        try {
            Process process = builder.start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            log.info("Host process {} started: {}", process.pid(), String.join(" ", command));
            return new HostProcess(process, outputDir.resolve("stdout.log"), outputDir.resolve("stderr.log"), readyFile,
                    launched);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the host process: " + command, e);
        }
    }

    /** The {@code java ... -cp ...} prefix, without the main class. */
    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-Xshare:auto",
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + classArchive(),
                "-Xlog:cds=off,cds+dynamic=off",
                "--enable-native-access=ALL-UNNAMED",
                "-Dfile.encoding=UTF-8",
                "-cp",
                classpath()));
        return command;
    }

    /** The class-data archive the host processes share. */
    static Path classArchive() {
        return Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath()
                .resolve("host-process").resolve("host-bot.jsa");
    }

    /**
     * Whether the class-data archive is missing or older than the jar it was made from; the first host
     * that exits normally (re)writes it.
     */
    static boolean classArchiveStale() {
        try {
            Path archive = classArchive();
            Path jar = archive.resolveSibling("host-bot.jar");
            return !Files.exists(archive) || !Files.exists(jar)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Marks the archive as made for the current jar. A host that exits normally rewrites an archive the
     * JVM cannot use, and leaves one it can use as it is; either way it now matches the jar.
     */
    static void markClassArchiveCurrent() {
        try {
            if (Files.exists(classArchive())) {
                Files.setLastModifiedTime(classArchive(), FileTime.from(Instant.now()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fat jar, copied (with its time stamp) to {@code target/host-process/}: a rebuild of host-bot
     * while the tests run cannot hand a half-written jar to a child, and the class-data archive stays
     * valid for as long as the jar is the same.
     */
    private static synchronized String copiedJar(Path jar) {
        Path copy = classArchive().resolveSibling("host-bot.jar");
        try {
            Files.createDirectories(copy.getParent());
            if (!Files.exists(copy) || Files.size(copy) != Files.size(jar)
                    || !Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(jar))) {
                Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return copy.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the host jar '" + jar + "' to '" + copy + "'", e);
        }
    }

    private static String classpath() {
        String jar = System.getProperty("host.bot.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            return copiedJar(Path.of(jar));
        }
        String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path module = Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
        String own = module.normalize().toString();
        String path = Arrays.stream(testPath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().startsWith(own))
                .collect(Collectors.joining(File.pathSeparator));
        log.warn("Host fat jar '{}' not found; running the host from the test classpath", jar);
        return path;
    }

    /**
     * Waits until the host wrote its {@code --ready-file}: it takes commands, its startup participants ran.
     *
     * @param timeout how long to wait
     * @return how long the start took, from launch
     * @throws IllegalStateException if the process exits first or does not get ready in time
     */
    Duration awaitStarted(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(25)).until(() -> {
                if (isReady()) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("Host process " + process.pid() + " exited with "
                            + process.exitValue() + " before it was ready:\n" + tail());
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Host process " + process.pid() + " was not ready within " + timeout
                    + ":\n" + tail(), e);
        }
        startup = Duration.ofNanos(System.nanoTime() - launchedNanos);
        return startup;
    }

    /** Whether the host is running and wrote its ready file (it takes commands). */
    boolean isReady() {
        return process.isAlive() && Files.exists(readyFile);
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** How long the start took, once {@link #awaitStarted(Duration)} returned. */
    Duration startup() {
        return startup;
    }

    /** Sends SIGKILL and waits until the process is gone. Safe to call from any thread, more than once. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Host process " + process.pid() + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing host process " + process.pid(), e);
        }
    }

    /**
     * Sends SIGTERM and waits for the process to exit.
     *
     * @param timeout how long the orderly shutdown may take
     * @return the exit status
     * @throws IllegalStateException if it is still running after {@code timeout} (it is then killed)
     */
    int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGTERM and returns at once. */
    void signalTerminate() {
        process.destroy();
    }

    /**
     * Waits for the process to exit by itself.
     *
     * @param timeout how long to wait
     * @return the exit status
     * @throws IllegalStateException if it is still running after {@code timeout} (it is then killed)
     */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException("Host process " + process.pid() + " did not exit within " + timeout
                        + "; killed it:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("Interrupted while waiting for host process " + process.pid(), e);
        }
    }

    /** The standard output and error so far. */
    String output() {
        return read(stdout) + read(stderr);
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** The last lines of the output, for failure messages. */
    String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static String read(Path file) {
        try {
            // bytes, not readString: the process may be in the middle of writing a character
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            log.warn("Host process {} still running at the end of its test; killing it", process.pid());
            kill();
        }
    }
}
