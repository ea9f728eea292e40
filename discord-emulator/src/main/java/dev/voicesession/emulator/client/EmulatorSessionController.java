package dev.voicesession.emulator.client;

import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA's default session controller pointed at the emulator's gateway and without the five-second delay
 * between identifies (the emulator does not limit identify), so reconnects in tests are immediate.
 */
public final class EmulatorSessionController extends SessionControllerAdapter {
    private final String gatewayUrl;

    /** Creates a controller for the given gateway URL. */
    public EmulatorSessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    protected void runWorker() {
        synchronized (lock) {
            if (workerHandle == null) {
                workerHandle = new QueueWorker(0L);
                workerHandle.start();
            }
        }
    }
}
