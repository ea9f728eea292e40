package dev.voicesession.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL cluster for tests, from Debian's {@code postgresql} package: initialised in a
 * temporary directory, started on a free loopback port with password authentication, stopped and deleted
 * by {@link #close()} and at JVM exit.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then {@code initdb}, {@code pg_ctl} and the
 * server run as {@code nobody} through {@code setpriv}, in a directory owned by that user.
 *
 * <p>One cluster serves the whole test JVM ({@link #shared()}); each test class or test takes a database
 * of its own ({@link #createDatabase(String)}).
 */
public final class PostgresCluster implements AutoCloseable {

    /** Where Debian's packages put each major version's binaries. */
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final String SUPERUSER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster shared;

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final String password;
    private final boolean asNobody;
    private boolean stopped;

    private PostgresCluster(Path bin, Path root, int port, String password, boolean asNobody) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.password = password;
        this.asNobody = asNobody;
    }

    /**
     * Returns the JVM's cluster, starting it on first use. Where PostgreSQL is not installed the calling
     * test is skipped, or fails when the environment variable {@code CI} is {@code true}.
     *
     * @return the running cluster
     */
    public static synchronized PostgresCluster shared() {
        if (shared == null || shared.stopped) {
            Path bin = requireInstalled();
            shared = start(bin);
            PostgresCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "postgres-test-cluster-stop"));
        }
        return shared;
    }

    /**
     * Tells whether a started {@link #shared()} cluster is running, without starting one.
     *
     * @return {@code true} if the shared cluster runs
     */
    static synchronized boolean sharedRunning() {
        return shared != null && !shared.stopped;
    }

    /**
     * Finds the binaries of the newest PostgreSQL installed the Debian way.
     *
     * @return the {@code bin} directory holding {@code initdb} and {@code pg_ctl}, if any
     */
    public static Optional<Path> findBinaries() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresCluster::majorVersion));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + DEBIAN_ROOT, e);
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path requireInstalled() {
        Optional<Path> bin = findBinaries();
        if (bin.isPresent()) {
            return bin.get();
        }
        String message = "The PostgreSQL variants of the tests need Debian's postgresql package (initdb and pg_ctl"
                + " under " + DEBIAN_ROOT + "/<version>/bin); install it with: sudo apt-get update && sudo apt-get"
                + " install -y postgresql (bin/test does this when run as root)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message + ". Skipped here; with CI=true this fails.");
        throw new IllegalStateException("unreachable");
    }

    private static PostgresCluster start(Path bin) {
        boolean asNobody = isRoot();
        String password = HexFormat.of().formatHex(randomBytes(12));
        Path root;
        try {
            root = Files.createTempDirectory("postgres-test-");
            Path pwfile = root.resolve("pwfile");
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
            if (asNobody) {
                giveToNobody(root);
                giveToNobody(pwfile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare a directory for the test PostgreSQL cluster", e);
        }
        IllegalStateException failure = null;
        // The free port is found before the server binds it: another process may take it in between.
        for (int attempt = 1; attempt <= 3; attempt++) {
            PostgresCluster cluster = new PostgresCluster(bin, root, freePort(), password, asNobody);
            try {
                cluster.initOnce();
                cluster.run(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.data.toString(), "-l",
                        root.resolve("server.log").toString(), "-w", "-t", "60", "start"));
                log.info("Test PostgreSQL cluster from '{}' on 127.0.0.1:{} in '{}'{}", bin, cluster.port, root,
                        asNobody ? " (as nobody)" : "");
                return cluster;
            } catch (IllegalStateException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        deleteTree(root);
        throw failure;
    }

    private void initOnce() {
        if (Files.isDirectory(data)) {
            writeSettings();
            return;
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--pwfile=" + root.resolve("pwfile"), "--auth-host=scram-sha-256", "--auth-local=trust",
                "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"));
        writeSettings();
    }

    /** TCP on loopback only, no Unix socket, and no durability: the cluster is thrown away. */
    private void writeSettings() {
        Path conf = data.resolve("postgresql.auto.conf");
        String settings = """
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = ''
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 200
                shared_buffers = '32MB'
                """.formatted(port);
        try {
            Files.writeString(conf, settings, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + conf, e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            id.waitFor(10, TimeUnit.SECONDS);
            return "0".equals(uid);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run id -u", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running id -u", e);
        }
    }

    private static void giveToNobody(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("nobody"));
        GroupPrincipal group = users.lookupPrincipalByGroupName("nogroup");
        view.setGroup(group);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("PGDATA");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", full));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Failed (exit " + process.exitValue() + "): " + String.join(" ", full)
                        + "\n" + output.strip() + serverLogTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", full), e);
        }
    }

    private String serverLogTail() {
        Path logFile = root.resolve("server.log");
        if (!Files.isRegularFile(logFile)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "\n(server.log cannot be read: " + e.getMessage() + ")";
        }
    }

    /**
     * Creates an empty database.
     *
     * @param hint a readable part of the name, such as the test class; made unique and lower case
     * @return the database's coordinates
     */
    public PostgresDatabase createDatabase(String hint) {
        String name = (hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + DATABASES.incrementAndGet()).toLowerCase();
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        if (!Character.isLetter(name.charAt(0))) {
            name = "t" + name.substring(1);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database '" + name + "' on port " + port, e);
        }
        return new PostgresDatabase(jdbcUrl(name), SUPERUSER, password, name);
    }

    /**
     * Returns the JDBC URL of a database of this cluster.
     *
     * @param database the database name
     * @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>}
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Returns the port the server listens on (loopback only).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /** Stops the server at once and deletes its directory; idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        } catch (IllegalStateException | UncheckedIOException e) {
            log.warn("Cannot stop the test PostgreSQL cluster in '{}'", root, e);
        }
        deleteTree(root);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Cannot delete the test PostgreSQL directory '{}'", dir, e);
        }
    }
}
