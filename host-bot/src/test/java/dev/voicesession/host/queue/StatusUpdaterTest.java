package dev.voicesession.host.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.command.StatusMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusUpdaterTest {

    /** A status message whose edits complete when the test says so. */
    private static final class SlowStatus implements StatusMessage {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();

        @Override
        public long messageId() {
            return 1;
        }

        @Override
        public long channelId() {
            return 2;
        }

        @Override
        public CompletableFuture<Void> edit(String content) {
            sent.add(content);
            CompletableFuture<Void> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }
    }

    @Test
    @DisplayName("one edit at a time; updates meanwhile collapse into the newest")
    void lastWriteWins() {
        SlowStatus status = new SlowStatus();
        StatusUpdater updater = new StatusUpdater(status, "position 4", Runnable::run, "test");

        updater.update(1, "position 3");
        updater.update(2, "position 2");
        updater.update(3, "position 1");
        assertThat(status.sent).containsExactly("position 3");

        status.pending.getFirst().complete(null);
        assertThat(status.sent).containsExactly("position 3", "position 1");
    }

    @Test
    @DisplayName("an update older than one seen is ignored, and so is the text already shown")
    void staleAndUnchanged() {
        SlowStatus status = new SlowStatus();
        StatusUpdater updater = new StatusUpdater(status, "position 2", Runnable::run, "test");

        updater.update(5, "position 1");
        updater.update(4, "position 2");
        status.pending.getFirst().complete(null);
        updater.update(6, "position 1");

        assertThat(status.sent).containsExactly("position 1");
    }

    @Test
    @DisplayName("once positions end, no position update is sent, even one computed before")
    void closed() {
        SlowStatus status = new SlowStatus();
        StatusUpdater updater = new StatusUpdater(status, "position 2", Runnable::run, "test");
        updater.update(1, "position 1");
        updater.update(2, "position 0");

        updater.endPositions();
        status.pending.getFirst().complete(null);
        updater.update(3, "late");

        assertThat(status.sent).containsExactly("position 1");
    }

    @Test
    @DisplayName("a failed edit does not stop later ones")
    void failedEdit() {
        SlowStatus status = new SlowStatus();
        StatusUpdater updater = new StatusUpdater(status, "a", Runnable::run, "test");
        updater.update(1, "b");
        updater.update(2, "c");

        status.pending.getFirst().completeExceptionally(new IllegalStateException("Unknown Message"));

        assertThat(status.sent).containsExactly("b", "c");
    }

    @Test
    @DisplayName("the handler's texts and the failure go through the same writer: in order, the newest wins, a repeat costs nothing")
    void oneWriterForEveryText() {
        SlowStatus status = new SlowStatus();
        StatusUpdater updater = new StatusUpdater(status, "position 1", Runnable::run, "test");
        updater.update(1, "starting");
        updater.endPositions();

        CompletableFuture<Void> creating = updater.view().edit("Creating...");
        CompletableFuture<Void> refused = updater.view().edit("Refused: missing permission.");
        updater.update(2, "position 3");
        status.pending.getFirst().complete(null);
        status.pending.get(1).complete(null);
        CompletableFuture<Void> again = updater.show("Refused: missing permission.");

        assertThat(status.sent).containsExactly("starting", "Refused: missing permission.");
        assertThat(creating).isCompleted();
        assertThat(refused).isCompleted();
        assertThat(again).isCompleted();
    }

    @Test
    @DisplayName("an edit that fails with a server error is sent again; a refusal (4xx) is not")
    void transientFailureRetried() {
        SlowStatus status = new SlowStatus();
        java.util.List<Runnable> later = new ArrayList<>();
        StatusUpdater updater = new StatusUpdater(status, "a", later::add, "test");

        CompletableFuture<Void> shown = updater.show("b");
        status.pending.getFirst().completeExceptionally(new java.util.concurrent.TimeoutException("no answer"));
        org.awaitility.Awaitility.await().until(() -> !later.isEmpty());
        later.removeFirst().run();

        assertThat(status.sent).containsExactly("b", "b");
        status.pending.get(1).complete(null);
        assertThat(shown).isCompleted();

        CompletableFuture<Void> refused = updater.show("c");
        status.pending.get(2).completeExceptionally(new IllegalStateException("Unknown Message"));
        assertThat(refused).isCompletedExceptionally();
        assertThat(status.sent).containsExactly("b", "b", "c");
    }
}
