package dev.voicesession.emulator.client;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.gateway.IdentifyLimiter;
import java.time.Duration;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA's default session controller pointed at the emulator's gateway. Built for an emulator in the same JVM
 * ({@link #EmulatorSessionController(DiscordEmulator)}), it waits before each IDENTIFY exactly as long as the
 * emulator's identify limit requires for the shard's bucket (nothing when the bucket is free), instead of JDA's
 * fixed 5 s between identifies, so reconnects in tests are as quick as the limit allows and never refused. Built
 * from a URL alone, it does not wait at all.
 */
public final class EmulatorSessionController extends SessionControllerAdapter {
    private final String gatewayUrl;
    private final IdentifyLimiter pace;

    /**
     * Creates a controller for a gateway URL, without waiting between identifies (for a bot in another process,
     * which cannot see the emulator's buckets).
     *
     * @param gatewayUrl the emulator's gateway URL
     */
    public EmulatorSessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
        this.pace = null;
    }

    /**
     * Creates a controller for an emulator in this JVM, paced by its identify limit.
     *
     * @param emulator the started emulator
     */
    public EmulatorSessionController(DiscordEmulator emulator) {
        this.gatewayUrl = emulator.gatewayUrl();
        this.pace = emulator.identifyLimiter();
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    protected void runWorker() {
        synchronized (lock) {
            if (workerHandle == null) {
                workerHandle = pace == null ? new QueueWorker(0L) : new PacedWorker();
                workerHandle.start();
            }
        }
    }

    /** Connects the queued shards one after the other, each once its bucket is free. */
    private final class PacedWorker extends QueueWorker {
        PacedWorker() {
            super(0L);
        }

        @Override
        protected void processQueue() {
            while (!connectQueue.isEmpty()) {
                SessionConnectNode node = connectQueue.peek();
                if (node == null) {
                    return;
                }
                try {
                    Duration wait = pace.untilAllowed(node.getShardInfo().getShardId());
                    if (!wait.isZero()) {
                        Thread.sleep(wait);
                        continue;
                    }
                    if (!connectQueue.remove(node)) {
                        continue;
                    }
                    node.run(false);
                } catch (IllegalStateException e) {
                    log.error("Failed to connect shard {}, appending it to the queue again", node.getShardInfo(), e);
                    appendSession(node);
                } catch (InterruptedException e) {
                    log.error("Interrupted while connecting shard {}", node.getShardInfo(), e);
                    appendSession(node);
                    return;
                }
            }
        }
    }
}
