package dev.voicesession.host.support;

import dev.voicesession.api.command.StatusMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A status message that records its text and every edit; edits succeed at once. */
public final class FakeStatusMessage implements StatusMessage {

    private final long messageId;
    private final long channelId;
    private final List<String> texts = new CopyOnWriteArrayList<>();

    /**
     * Creates the message as sent with {@code text}.
     *
     * @param messageId its id
     * @param channelId its channel
     * @param text its first text
     */
    public FakeStatusMessage(long messageId, long channelId, String text) {
        this.messageId = messageId;
        this.channelId = channelId;
        texts.add(text);
    }

    @Override
    public long messageId() {
        return messageId;
    }

    @Override
    public long channelId() {
        return channelId;
    }

    @Override
    public CompletableFuture<Void> edit(String content) {
        texts.add(content);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Returns the first text and every edit, in order.
     *
     * @return the texts
     */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    /**
     * Returns what the message shows now.
     *
     * @return the last text
     */
    public String current() {
        return texts.getLast();
    }
}
