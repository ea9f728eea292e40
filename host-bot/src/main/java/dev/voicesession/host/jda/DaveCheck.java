package dev.voicesession.host.jda;

import club.minnced.discord.jdave.ffi.LibDave;
import club.minnced.discord.jdave.ffi.LibDaveBindingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks once per process whether jdave's native libdave can load, and reports it once. Discord refuses
 * voice connections without DAVE (its end-to-end encryption for voice); the emulator does not need it.
 *
 * <p>On Linux, libdave needs glibc 2.38 or newer: the check reads the C library's version first and does
 * not try to load libdave where it cannot load. jdave copies libdave to a new {@code jdave*} directory of
 * {@code java.io.tmpdir} on every load; the check removes that copy once it is loaded (a mapped library
 * stays usable on Linux and macOS) or when the load failed, so that starts leave nothing behind.
 */
public final class DaveCheck {

    /** Whether the bot needs DAVE where it runs. */
    public enum Need {
        /** Against Discord: a missing DAVE is an error. */
        REQUIRED,
        /** Against the emulator (sandbox, tests): a missing DAVE is worth an INFO line. */
        OPTIONAL
    }

    /** The glibc that jdave 0.1.5's Linux libdave was built against. */
    static final int[] MIN_GLIBC = {2, 38};

    private static final Logger log = LoggerFactory.getLogger(DaveCheck.class);
    private static final Object LOCK = new Object();
    private static Boolean available;

    private DaveCheck() {}

    /**
     * Checks DAVE for a bot that talks to Discord; see {@link #run(Need)}.
     *
     * @return {@code true} if DAVE is available
     */
    public static boolean run() {
        return run(Need.REQUIRED);
    }

    /**
     * Checks whether libdave loads, the first time only, and logs the outcome at a level that fits the
     * need: INFO when DAVE is available or not needed, one ERROR naming the requirement when it is
     * needed and missing. Later calls return the same answer without logging.
     *
     * @param need whether the bot talks to Discord
     * @return {@code true} if DAVE is available
     */
    public static boolean run(Need need) {
        synchronized (LOCK) {
            if (available == null) {
                available = check(need);
            }
            return available;
        }
    }

    private static boolean check(Need need) {
        String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        Optional<String> obstacle = linuxObstacle();
        if (obstacle.isEmpty()) {
            try {
                short version = loadOnce();
                log.info("DAVE voice encryption available on {} (protocol version {})", platform, version);
                return true;
            } catch (LinkageError | LibDaveBindingException | UnsupportedOperationException | IllegalCallerException
                    | IllegalArgumentException e) {
                obstacle = Optional.of("libdave does not load (" + rootMessage(e) + ")");
                log.debug("DAVE load failure in full", e);
            }
        }
        if (need == Need.OPTIONAL) {
            log.info("DAVE voice encryption is not available on {}: {}; not needed here, the emulator accepts voice"
                    + " without it", platform, obstacle.get());
        } else {
            log.error("DAVE voice encryption is not available on {}: {}. Discord refuses voice connections without"
                    + " it, so voice sessions will fail. Run the bot on Linux with glibc 2.38 or newer (for example"
                    + " Debian 13 or Ubuntu 24.04), macOS or Windows x86-64, with Java 25.", platform, obstacle.get());
        }
        return false;
    }

    /** What stops libdave from loading on this Linux, before trying: no glibc, or one older than 2.38. */
    private static Optional<String> linuxObstacle() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        Optional<String> glibc = glibcVersion();
        if (glibc.isEmpty()) {
            return Optional.of("this system's C library is not glibc, and libdave needs glibc 2.38 or newer");
        }
        if (!atLeast(glibc.get(), MIN_GLIBC)) {
            return Optional.of("this system has glibc " + glibc.get() + " and libdave needs glibc 2.38 or newer");
        }
        return Optional.empty();
    }

    /**
     * Reads the running glibc's version with {@code gnu_get_libc_version()}.
     *
     * @return for example {@code 2.36}, or empty when the C library is not glibc
     */
    static Optional<String> glibcVersion() {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> function = linker.defaultLookup().find("gnu_get_libc_version");
        if (function.isEmpty()) {
            return Optional.empty();
        }
        MethodHandle call = linker.downcallHandle(function.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
        try {
            MemorySegment text = (MemorySegment) call.invokeExact();
            return Optional.of(text.reinterpret(64).getString(0));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("gnu_get_libc_version failed", e);
        }
    }

    /**
     * Compares a dotted version with a minimum.
     *
     * @param version for example {@code 2.36}
     * @param minimum for example {@code {2, 38}}
     * @return {@code true} if {@code version} is at least {@code minimum}; {@code false} if unreadable
     */
    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.strip().split("\\.");
        for (int i = 0; i < minimum.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*", "")) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }

    /**
     * Loads libdave and removes the copy jdave made in {@code java.io.tmpdir}: those directories that
     * appeared during the load and hold a library this process has mapped (or, if the load failed, that
     * the failure names).
     */
    private static short loadOnce() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = jdaveDirectories(tmp);
        Throwable failure = null;
        try {
            return LibDave.getMaxSupportedProtocolVersion();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            Set<Path> created = jdaveDirectories(tmp);
            created.removeAll(before);
            String named = failure == null ? "" : rootMessage(failure);
            for (Path dir : created) {
                if (ownedBy(dir, named)) {
                    deleteQuietly(dir);
                }
            }
        }
    }

    private static boolean ownedBy(Path dir, String failureMessage) {
        if (failureMessage.contains(dir.toString())) {
            return true;
        }
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            dir.toFile().deleteOnExit();
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(file -> file.toFile().deleteOnExit());
            } catch (IOException e) {
                log.debug("Cannot list '{}'", dir, e);
            }
            return false;
        }
        try {
            String mapped = Files.readString(maps);
            return mapped.contains(dir.toString() + "/");
        } catch (IOException e) {
            log.debug("Cannot read '{}'", maps, e);
            return false;
        }
    }

    private static Set<Path> jdaveDirectories(Path tmp) {
        try (Stream<Path> entries = Files.list(tmp)) {
            return new HashSet<>(entries
                    .filter(path -> path.getFileName().toString().startsWith("jdave") && Files.isDirectory(path))
                    .toList());
        } catch (IOException | UncheckedIOException e) {
            log.debug("Cannot list '{}'", tmp, e);
            return new HashSet<>();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot remove jdave's copy of libdave in '{}': {}", dir, e.getMessage());
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
