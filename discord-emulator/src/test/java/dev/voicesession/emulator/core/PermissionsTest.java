package dev.voicesession.emulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Overwrite;
import dev.voicesession.emulator.model.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PermissionsTest {
    private static final long GUILD = 1;
    private static final long OWNER = 2;
    private static final long ROLE_A = 10;
    private static final long ROLE_B = 11;
    private static final long USER = 20;
    private final Map<Long, Role> roles = Map.of(
            GUILD, new Role(GUILD, GUILD, "@everyone", Permissions.VIEW_CHANNEL | Permissions.CONNECT, 0, 0, false, false),
            ROLE_A, new Role(ROLE_A, GUILD, "a", Permissions.SEND_MESSAGES, 1, 0, false, false),
            ROLE_B, new Role(ROLE_B, GUILD, "b", 0, 2, 0, false, false));
    private final Member member = new Member(GUILD, USER, List.of(ROLE_A, ROLE_B), null, Instant.EPOCH);

    private static Channel channel(ChannelType type, Overwrite... overwrites) {
        return new Channel(100, GUILD, type, "c", 0, null, null, false, 64_000, 0, null, 0, null, List.of(overwrites));
    }

    @Test
    @DisplayName("role overwrites are combined: allow wins over deny among roles, the member overwrite wins last")
    void overwrite_order() {
        Channel channel = channel(ChannelType.TEXT,
                new Overwrite(GUILD, Overwrite.ROLE, 0, Permissions.SEND_MESSAGES),
                new Overwrite(ROLE_A, Overwrite.ROLE, 0, Permissions.EMBED_LINKS),
                new Overwrite(ROLE_B, Overwrite.ROLE, Permissions.SEND_MESSAGES | Permissions.EMBED_LINKS, 0),
                new Overwrite(USER, Overwrite.MEMBER, 0, Permissions.SEND_MESSAGES));

        long effective = Permissions.effective(GUILD, OWNER, roles, member, channel);

        assertThat(Permissions.has(effective, Permissions.EMBED_LINKS)).isTrue();
        assertThat(Permissions.has(effective, Permissions.SEND_MESSAGES)).isFalse();
        assertThat(Permissions.has(effective, Permissions.VIEW_CHANNEL)).isTrue();
    }

    @Test
    @DisplayName("without VIEW_CHANNEL, or without CONNECT in voice, nothing is granted")
    void implicit_denies() {
        assertThat(Permissions.effective(GUILD, OWNER, roles, member,
                channel(ChannelType.TEXT, new Overwrite(USER, Overwrite.MEMBER, 0, Permissions.VIEW_CHANNEL))))
                .isZero();
        assertThat(Permissions.effective(GUILD, OWNER, roles, member,
                channel(ChannelType.VOICE, new Overwrite(GUILD, Overwrite.ROLE, 0, Permissions.CONNECT))))
                .isZero();
    }

    @Test
    @DisplayName("the owner and administrators have every permission whatever the overwrites")
    void owner_and_admin() {
        Channel locked = channel(ChannelType.TEXT, new Overwrite(GUILD, Overwrite.ROLE, 0, Permissions.VIEW_CHANNEL));
        Member owner = new Member(GUILD, OWNER, List.of(), null, Instant.EPOCH);
        assertThat(Permissions.effective(GUILD, OWNER, roles, owner, locked)).isEqualTo(Permissions.ALL);
        Map<Long, Role> adminRoles = Map.of(GUILD, roles.get(GUILD),
                ROLE_A, new Role(ROLE_A, GUILD, "admin", Permissions.ADMINISTRATOR, 1, 0, false, false));
        Member admin = new Member(GUILD, USER, List.of(ROLE_A), null, Instant.EPOCH);
        assertThat(Permissions.effective(GUILD, OWNER, adminRoles, admin, locked)).isEqualTo(Permissions.ALL);
    }

    @Test
    @DisplayName("ALL is Discord's documented bits (0 to 46, 48 to 52): non-negative, no bit 47, none from 53 up")
    void all_is_the_documented_bits() {
        assertThat(Permissions.ALL).isPositive();
        for (int bit = 0; bit < 64; bit++) {
            boolean documented = bit <= 52 && bit != 47;
            assertThat((Permissions.ALL >>> bit & 1) == 1).as("bit %s", bit).isEqualTo(documented);
        }
        assertThat(Permissions.serialize(-1L)).isEqualTo(Long.toString(Permissions.ALL));
        Member owner = new Member(GUILD, OWNER, List.of(), null, Instant.EPOCH);
        assertThat(Permissions.base(GUILD, OWNER, roles, owner)).isEqualTo(Permissions.ALL);
    }
}
