package dev.voicesession.voice.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.discord.ChannelFacts;
import dev.voicesession.voice.discord.ChannelFacts.Overwrite;
import dev.voicesession.voice.discord.VoicePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OwnChannelRuleTest {

    private static final long GUILD = 10;
    private static final long USER = 20;
    private static final long BOT = 30;
    private static final long CATEGORY = 40;
    private static final Instant CLAIMED = Instant.parse("2026-11-24T12:00:00Z");

    private final OwnChannelRule rule = new OwnChannelRule(Duration.ofSeconds(10));
    private final SessionRow claim =
            new SessionRow(1, USER, GUILD, 0, CLAIMED, null, null, SessionRow.CREATING, CATEGORY, null, 0, 0);

    private static Map<Long, Overwrite> ours() {
        Map<Long, Overwrite> overwrites = new HashMap<>();
        overwrites.put(GUILD, new Overwrite(false, 0, VoicePermissions.EVERYONE_DENY));
        overwrites.put(USER, new Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0));
        overwrites.put(BOT, new Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0));
        return overwrites;
    }

    private static ChannelFacts channel(long category, Instant created, Map<Long, Overwrite> overwrites) {
        return new ChannelFacts(99, category, created, overwrites);
    }

    @Test
    @DisplayName("the channel the plugin would create for the claim matches")
    void matches() {
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED.plusSeconds(1), ours()), BOT)).isTrue();
    }

    @Test
    @DisplayName("another category does not match")
    void otherCategory() {
        assertThat(rule.matches(claim, channel(CATEGORY + 1, CLAIMED.plusSeconds(1), ours()), BOT)).isFalse();
    }

    @Test
    @DisplayName("another user's overwrite, an extra overwrite or other bits do not match")
    void overwritesMustBeExact() {
        Map<Long, Overwrite> otherUser = ours();
        otherUser.remove(USER);
        otherUser.put(USER + 1, new Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0));
        Map<Long, Overwrite> extra = ours();
        extra.put(77L, new Overwrite(false, 0, 0));
        Map<Long, Overwrite> moreBits = ours();
        moreBits.put(USER, new Overwrite(true, VoicePermissions.MEMBER_ALLOW | 1L << 4, 0));
        Map<Long, Overwrite> everyoneOpen = ours();
        everyoneOpen.put(GUILD, new Overwrite(false, 0, 0));

        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED, otherUser), BOT)).isFalse();
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED, extra), BOT)).isFalse();
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED, moreBits), BOT)).isFalse();
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED, everyoneOpen), BOT)).isFalse();
    }

    @Test
    @DisplayName("a channel created outside the claim's window does not match")
    void window() {
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED.minusSeconds(31), ours()), BOT)).isFalse();
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED.minusSeconds(29), ours()), BOT)).isTrue();
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED.plusSeconds(39), ours()), BOT)).isTrue();
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED.plusSeconds(41), ours()), BOT)).isFalse();
    }

    @Test
    @DisplayName("the name plays no part: a channel named like ours but made otherwise does not match")
    void nameIgnored() {
        assertThat(rule.matches(claim, channel(CATEGORY, CLAIMED, Map.of()), BOT)).isFalse();
    }
}
