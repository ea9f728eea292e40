package dev.voicesession.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.DispatchLogEntry;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.EventRecorder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("request and dispatch logs with monotonic timestamps")
class TrafficLogTest {
    private static final EventRecorder EVENTS = new EventRecorder();

    private static Guild guild;
    private static Channel text;
    private static Member alice;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .seed(control -> {
                guild = control.createGuild("traffic");
                text = control.createTextChannel(guild.id(), "general");
                alice = control.addMember(guild.id(), "alice");
            })
            .jda(builder -> builder.addEventListeners(EVENTS));

    @BeforeEach
    void clear() {
        EVENTS.clear();
        DISCORD.control().clearTrafficLogs();
    }

    @Test
    @DisplayName("a user's message is logged as a MESSAGE_CREATE dispatch with its sequence and data")
    void dispatch_is_logged() {
        List<DispatchLogEntry> heard = new CopyOnWriteArrayList<>();
        Consumer<DispatchLogEntry> listener = heard::add;
        DISCORD.control().addDispatchListener(listener);
        long before = System.nanoTime();

        DISCORD.control().userSendsMessage(text.id(), alice.userId(), "hello log");

        DISCORD.control().removeDispatchListener(listener);
        List<DispatchLogEntry> logged = DISCORD.control().gatewayDispatches("MESSAGE_CREATE");
        assertThat(logged).hasSize(1);
        DispatchLogEntry entry = logged.getFirst();
        assertThat(entry.nanoTime()).isBetween(before, System.nanoTime());
        assertThat(entry.guildId()).isEqualTo(guild.id());
        assertThat(entry.data()).contains("hello log");
        assertThat(heard).containsExactly(entry);
        // Match by content: a MESSAGE_CREATE from the previous test (the bot's own reply) may still arrive here.
        MessageReceivedEvent received = await().until(
                () -> EVENTS.of(MessageReceivedEvent.class).stream()
                        .filter(event -> event.getMessage().getContentRaw().equals("hello log"))
                        .findFirst(),
                Optional::isPresent)
                .orElseThrow();
        assertThat(received.getResponseNumber()).isEqualTo(entry.sequence());
    }

    @Test
    @DisplayName("a bot request is logged with arrival and completion times, after the dispatch it answers")
    void request_is_logged_after_dispatch() {
        List<RequestLogEntry> heard = new CopyOnWriteArrayList<>();
        Consumer<RequestLogEntry> listener = heard::add;
        DISCORD.control().addRequestListener(listener);
        DISCORD.control().userSendsMessage(text.id(), alice.userId(), "ping");

        DISCORD.jda().getTextChannelById(text.id()).sendMessage("pong").complete();

        DISCORD.control().removeRequestListener(listener);
        RequestLogEntry post = DISCORD.control().requestLog("POST", "channels/{channel_id}/messages").getFirst();
        DispatchLogEntry ping = DISCORD.control().gatewayDispatches("MESSAGE_CREATE").getFirst();
        assertThat(post.arrivedNanos()).isGreaterThan(ping.nanoTime());
        assertThat(post.completedNanos()).isGreaterThanOrEqualTo(post.arrivedNanos());
        assertThat(post.serviceNanos()).isNotNegative();
        assertThat(heard).contains(post);
    }
}
