package dev.voicesession.host.jda;

import club.minnced.discord.jdave.ffi.LibDave;
import club.minnced.discord.jdave.ffi.LibDaveBindingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that jdave's native libdave loads on this platform. Discord refuses voice connections
 * without DAVE (its end-to-end encryption for voice), so a failure is logged as an error that names the
 * platform; the bot still starts, and its voice connections use JDA's pass-through session, which only
 * the emulator accepts.
 */
public final class DaveCheck {

    private static final Logger log = LoggerFactory.getLogger(DaveCheck.class);

    private DaveCheck() {}

    /**
     * Loads libdave and logs the outcome.
     *
     * @return {@code true} if DAVE is available
     */
    public static boolean run() {
        String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        try {
            short version = LibDave.getMaxSupportedProtocolVersion();
            log.info("DAVE voice encryption available on {} (protocol version {})", platform, version);
            return true;
        } catch (LinkageError | LibDaveBindingException | UnsupportedOperationException | IllegalCallerException e) {
            log.error("DAVE voice encryption cannot load on this platform ({}): {}. Discord refuses voice connections"
                    + " without DAVE, so voice features will not work against Discord (the emulator accepts them)."
                    + " jdave ships libdave for linux x86-64, linux aarch64, macOS and windows x86-64, and needs Java 25"
                    + " with --enable-native-access=ALL-UNNAMED (set in the jar's manifest).{}", platform, rootMessage(e),
                    linuxHint());
            log.debug("DAVE load failure in full", e);
            return false;
        }
    }

    private static String linuxHint() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                ? " On Linux, jdave's libdave needs glibc 2.38 or newer and a matching libstdc++ (for example"
                        + " Debian 13 or Ubuntu 24.04); 'ldd --version' shows the installed glibc."
                : "";
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
