package dev.voicesession.host.support;

import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.host.BotHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Test helpers that act as Discord users through the emulator and wait for the bot's answers. */
public final class EmulatorDiscord {

    /** How long the bot gets to answer. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final DiscordEmulator emulator;

    /**
     * Wraps an emulator.
     *
     * @param emulator the running emulator
     */
    public EmulatorDiscord(DiscordEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * Returns the emulator's control API.
     *
     * @return the control API
     */
    public EmulatorControl control() {
        return emulator.control();
    }

    /**
     * Creates a text channel and waits until the host's JDA knows it.
     *
     * @param host the host
     * @param guildId the guild
     * @param name the channel name
     * @return the channel's id
     */
    public long newTextChannel(BotHost host, long guildId, String name) {
        Channel channel = control().createTextChannel(guildId, name);
        await().atMost(ANSWER_TIMEOUT).until(() -> host.shardManager().getTextChannelById(channel.id()) != null);
        return channel.id();
    }

    /**
     * Posts a message as a user.
     *
     * @param channelId the channel
     * @param userId the user
     * @param content the text
     * @return the posted message
     */
    public Message say(long channelId, long userId, String content) {
        return control().userSendsMessage(channelId, userId, content);
    }

    /**
     * Returns the bot's messages in a channel, oldest first.
     *
     * @param channelId the channel
     * @return the messages
     */
    public List<Message> botMessages(long channelId) {
        long botId = emulator.bot().id();
        return control().messages(channelId).stream().filter(m -> m.authorId() == botId && !m.deleted()).toList();
    }

    /**
     * Waits for a bot message in a channel that matches.
     *
     * @param channelId the channel
     * @param matching what to wait for
     * @return the message
     */
    public Message awaitBotMessage(long channelId, Predicate<Message> matching) {
        return await().atMost(ANSWER_TIMEOUT).until(
                () -> botMessages(channelId).stream().filter(matching).findFirst(), Optional::isPresent).orElseThrow();
    }

    /**
     * Waits for a bot message with exactly this content.
     *
     * @param channelId the channel
     * @param content the text
     * @return the message
     */
    public Message awaitBotMessage(long channelId, String content) {
        return awaitBotMessage(channelId, message -> message.content().equals(content));
    }

    /**
     * Runs a slash command as a user and waits until the original response has content.
     *
     * @param guildId the guild
     * @param channelId the channel
     * @param userId the user
     * @param command the command, with a subcommand after a space
     * @param options the options by name
     * @return the original response
     */
    public Message slash(long guildId, long channelId, long userId, String command, Map<String, ?> options) {
        Interaction interaction = control().userRunsSlashCommand(guildId, channelId, userId, command, options);
        return await().atMost(ANSWER_TIMEOUT).until(() -> control().interaction(interaction.id())
                        .map(Interaction::originalMessageId)
                        .flatMap(id -> control().message(id))
                        .filter(message -> message.content() != null && !message.content().isEmpty()),
                Optional::isPresent).orElseThrow();
    }
}
