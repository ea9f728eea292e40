package dev.voicesession.host.db;

import java.nio.file.Path;
import java.time.Duration;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns what SQLite says when the host opens its file into a message an operator can act on: what is
 * wrong with which file, and what to do about it.
 */
final class DatabaseProblems {

    private DatabaseProblems() {}

    /**
     * Describes why the database cannot be used.
     *
     * @param file the database file
     * @param error what went wrong, with SQLite's exception somewhere in its causes
     * @param busyTimeout how long SQLite waited for a lock
     * @return the message: the file, the problem and the fix
     */
    static String describe(Path file, Throwable error, Duration busyTimeout) {
        SQLiteException sqlite = sqliteCause(error);
        String detail = sqlite != null ? sqlite.getMessage() : String.valueOf(rootCause(error).getMessage());
        SQLiteErrorCode code = sqlite != null ? primary(sqlite.getResultCode()) : null;
        if (code == null) {
            return "Cannot open database '" + file + "': " + detail;
        }
        return switch (code) {
            case SQLITE_BUSY, SQLITE_LOCKED -> "Database '" + file + "' is locked by another process (waited "
                    + busyTimeout.toMillis() + " ms): stop the other program that has it open (another instance of"
                    + " the bot, or a database tool holding a transaction), or raise database.busyTimeout";
            case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN -> "Database '" + file + "' is read-only or cannot"
                    + " be opened for writing (" + detail + "): make the file, its directory and the file system"
                    + " writable for the bot's user, or point database.path at a writable place";
            case SQLITE_NOTADB, SQLITE_CORRUPT -> corrupt(file, detail);
            case SQLITE_FULL -> "Database '" + file + "' cannot grow: the disk is full (" + detail + "); free some"
                    + " space on its file system";
            default -> "Cannot open database '" + file + "': " + detail;
        };
    }

    /**
     * The message for a file that fails SQLite's integrity check.
     *
     * @param file the database file
     * @param detail what SQLite reported
     * @return the message
     */
    static String corrupt(Path file, String detail) {
        return "Database '" + file + "' is corrupt (" + detail + "). The bot leaves the file as it is: restore it"
                + " from a backup, or move it away to start with an empty database (voice channels recorded only in"
                + " the old file are then not cleaned up automatically)";
    }

    private static SQLiteErrorCode primary(SQLiteErrorCode code) {
        // extended codes such as SQLITE_BUSY_RECOVERY carry the primary code in their low byte
        return code == null ? null : SQLiteErrorCode.getErrorCode(code.code & 0xff);
    }

    private static SQLiteException sqliteCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return sqlite;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
