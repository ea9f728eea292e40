package dev.voicesession.voice.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionStateTest {

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"CREATING", "CONNECTING", "WAITING_FOR_USER", "ACTIVE"})
    @DisplayName("every live state may start closing")
    void liveStatesMayClose(SessionState state) {
        assertThat(state.isLive()).isTrue();
        assertThat(state.canMoveTo(SessionState.CLOSING)).isTrue();
        assertThat(state.canMoveTo(SessionState.CLOSED)).as("only through CLOSING").isFalse();
    }

    @Test
    @DisplayName("the happy path is CREATING, CONNECTING, WAITING_FOR_USER, ACTIVE, CLOSING, CLOSED")
    void happyPath() {
        assertThat(SessionState.CREATING.canMoveTo(SessionState.CONNECTING)).isTrue();
        assertThat(SessionState.CONNECTING.canMoveTo(SessionState.WAITING_FOR_USER)).isTrue();
        assertThat(SessionState.WAITING_FOR_USER.canMoveTo(SessionState.ACTIVE)).isTrue();
        assertThat(SessionState.ACTIVE.canMoveTo(SessionState.CLOSING)).isTrue();
        assertThat(SessionState.CLOSING.canMoveTo(SessionState.CLOSED)).isTrue();
    }

    @Test
    @DisplayName("no state goes backwards and CLOSED is final")
    void noWayBack() {
        assertThat(SessionState.ACTIVE.canMoveTo(SessionState.WAITING_FOR_USER)).isFalse();
        assertThat(SessionState.CLOSING.canMoveTo(SessionState.ACTIVE)).isFalse();
        assertThat(SessionState.CLOSING.isLive()).isFalse();
        assertThat(SessionState.CLOSED.next()).isEmpty();
    }
}
