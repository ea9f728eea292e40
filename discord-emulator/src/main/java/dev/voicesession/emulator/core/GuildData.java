package dev.voicesession.emulator.core;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.model.VoiceState;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything one guild holds. Mutated only while holding the {@link EmulatorState} lock. */
final class GuildData {
    Guild guild;
    final Map<Long, Role> roles = new LinkedHashMap<>();
    final Map<Long, Member> members = new LinkedHashMap<>();
    final Map<Long, Channel> channels = new LinkedHashMap<>();
    final Map<Long, VoiceState> voiceStates = new LinkedHashMap<>();

    GuildData(Guild guild) {
        this.guild = guild;
    }
}
