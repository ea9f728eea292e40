package dev.voicesession.voice.reliability.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small tmpfs file systems for the database fault tests (a full disk, a read-only disk). Mounting needs
 * root and a kernel that lets the test's user mount; where that is not the case, {@link #unavailable()}
 * says why and the tests that need it are skipped with that reason.
 */
final class Mounts {

    private Mounts() {}

    /**
     * Tells why tmpfs cannot be mounted here, by trying once.
     *
     * @param probeDir an empty directory to try on
     * @return the reason, or {@code null} if mounting works
     */
    static String unavailable(Path probeDir) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "mounting a tmpfs needs root; the tests run as '" + System.getProperty("user.name") + "'";
        }
        try {
            Files.createDirectories(probeDir);
            String error = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probeDir.toString());
            if (error != null) {
                return "mount -t tmpfs failed: " + error;
            }
            return run("umount", probeDir.toString());
        } catch (IOException e) {
            return "cannot create '" + probeDir + "': " + e.getMessage();
        }
    }

    /** Mounts a tmpfs of {@code size} (for example {@code 4m}) on {@code dir}. */
    static void tmpfs(Path dir, String size) {
        require(run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString()));
    }

    /** Remounts {@code dir} read-only or read-write. */
    static void remount(Path dir, boolean readOnly) {
        require(run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), dir.toString()));
    }

    /** Unmounts {@code dir}, lazily, so that a file still open elsewhere cannot keep it. */
    static void unmount(Path dir) {
        require(run("umount", "-l", dir.toString()));
    }

    /**
     * Fills the file system of {@code dir} until no byte is left.
     *
     * @return the filler file, to delete for space
     */
    static Path fill(Path dir) {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // "No space left on device": what this method is for; top up byte by byte below
        }
        try (var out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            return filler;
        }
    }

    private static void require(String error) {
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    /** Runs a command; returns {@code null} on success, else what it printed. */
    private static String run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", line) + " did not finish within 20 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? null : String.join(" ", line) + ": " + output;
        } catch (IOException e) {
            return String.join(" ", line) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return String.join(" ", line) + ": interrupted";
        }
    }
}
