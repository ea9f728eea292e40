package dev.voicesession.emulator.rest;

import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.gateway.IdentifyLimiter;
import java.util.function.Supplier;

/** Registers every REST route the emulator serves. */
public final class DiscordRoutes {
    private DiscordRoutes() {}

    /** A router with all routes over the given services; {@code gateway/bot} reports the limiter's session starts. */
    public static RestRouter create(Services services, Supplier<String> gatewayUrl, IdentifyLimiter identifyLimiter) {
        RestRouter router = new RestRouter();
        SelfRoutes.register(router, services, gatewayUrl, identifyLimiter);
        GuildRoutes.register(router, services);
        ChannelRoutes.register(router, services);
        InteractionRoutes.register(router, services);
        return router;
    }
}
