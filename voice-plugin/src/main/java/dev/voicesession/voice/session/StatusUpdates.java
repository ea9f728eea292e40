package dev.voicesession.voice.session;

/** Shows a text in a session's status message through the session's {@link StatusWriter}. */
final class StatusUpdates {

    private StatusUpdates() {}

    static void show(VoiceSession session, String text) {
        session.statusWriter().show(text);
    }

    /** Shows a progress text only if the step it describes is not over within a second. */
    static void showProgress(VoiceSession session, String text) {
        session.statusWriter().showProgress(text);
    }
}
