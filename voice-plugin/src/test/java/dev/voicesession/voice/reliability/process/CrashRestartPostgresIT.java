package dev.voicesession.voice.reliability.process;

import dev.voicesession.voice.testing.TestDatabase;

/**
 * {@link CrashRestartIT} with the host's rows in PostgreSQL (a database of the throwaway test cluster): SIGKILL at
 * kill points across every scenario, restart, and the same invariants. The default run takes {@linkplain
 * KillPoint#selection every third point} of the CI selection, which the SQLite run covers in full; {@code -Pchaos}
 * ({@code reliability.killPoints=all}) runs the whole catalog here too.
 */
class CrashRestartPostgresIT extends CrashRestartIT {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }

    @Override
    String runLogName() {
        return "crash-restart-postgresql";
    }

    @Override
    String selectionName() {
        return "all".equals(System.getProperty("reliability.killPoints")) ? "all" : "sample";
    }
}
