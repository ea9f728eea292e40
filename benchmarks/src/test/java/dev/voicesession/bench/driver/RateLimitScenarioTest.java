package dev.voicesession.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimitScenarioTest {

    @Test
    @DisplayName("the major parameter of a request is its channel, else its guild, as Discord buckets it")
    void major_parameter() {
        assertThat(RateLimitScenario.majorParameter("channels/{channel_id}/messages/{message_id}",
                "channels/11/messages/22")).isEqualTo("11");
        assertThat(RateLimitScenario.majorParameter("guilds/{guild_id}/channels", "guilds/33/channels"))
                .isEqualTo("33");
        assertThat(RateLimitScenario.majorParameter("users/{user_id}", "users/44")).isEmpty();
    }

    @Test
    @DisplayName("a guild's shard is the millisecond of its snowflake modulo the shard count")
    void shard_of_guild() {
        long millisecond = 1234;
        long guildId = (millisecond << 22) | 77;

        assertThat(GatewayBudget.shardOf(guildId, 16)).isEqualTo((int) (millisecond % 16));
        assertThat(GatewayBudget.shardOf(guildId, 1)).isZero();
    }
}
