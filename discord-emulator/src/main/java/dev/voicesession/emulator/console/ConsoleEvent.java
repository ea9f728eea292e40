package dev.voicesession.emulator.console;

/**
 * One server-sent event of the console's live feed.
 *
 * @param name the event name the page listens for ({@code message}, {@code guild}, {@code botVoice},
 *     {@code request}, {@code gateway}, {@code host}, {@code log}, {@code hello})
 * @param json the event's data as JSON
 */
record ConsoleEvent(String name, String json) {

    static ConsoleEvent of(String name, Object data) {
        return new ConsoleEvent(name, ConsoleJson.write(data));
    }
}
