package dev.voicesession.host.jda;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA's default session controller, but connecting to a configured gateway URL instead of the one
 * Discord advertises ({@code discord.gatewayUrl}, used to reach the emulator). The shard count and
 * concurrency still come from {@code GET /gateway/bot} on the configured REST URL.
 */
final class GatewayUrlSessionController extends SessionControllerAdapter {

    private final String gatewayUrl;

    GatewayUrlSessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        ShardedGateway advertised = super.getShardedGateway(api);
        return new ShardedGateway(gatewayUrl, advertised.getShardTotal(), advertised.getConcurrency());
    }
}
