package dev.voicesession.voice.session;

/** Shows a text in a session's status message through the session's {@link StatusWriter}. */
final class StatusUpdates {

    private StatusUpdates() {}

    static void show(VoiceSession session, String text) {
        session.statusWriter().show(text);
    }
}
