package dev.voicesession.host.jda;

import java.io.Serial;
import net.dv8tion.jda.api.requests.CloseCode;

/** Discord closed a shard's gateway connection with a code after which JDA does not reconnect. */
public class GatewayClosedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    /**
     * Creates the exception.
     *
     * @param shardId the shard whose connection was closed
     * @param closeCode the gateway close code, for example 4014 (disallowed intents)
     */
    public GatewayClosedException(int shardId, int closeCode) {
        super("Discord closed the gateway connection of shard " + shardId + " with code " + closeCode + " ("
                + meaning(closeCode) + ")");
        this.closeCode = closeCode;
    }

    /**
     * Returns the gateway close code.
     *
     * @return for example 4014
     */
    public int closeCode() {
        return closeCode;
    }

    private static String meaning(int code) {
        CloseCode known = CloseCode.from(code);
        return known != null ? known.getMeaning() : "unknown close code";
    }
}
