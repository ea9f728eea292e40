package dev.voicesession.host.command;

import java.util.Optional;

/**
 * Splits a message into prefix, command (and child command) and arguments, the way Chewtils does:
 * {@code !voice end now} runs the child {@code end} of {@code voice} with the arguments {@code now}.
 */
public final class CommandParser {

    private final CommandRegistry registry;

    /**
     * Creates a parser over the registry.
     *
     * @param registry the commands
     */
    public CommandParser(CommandRegistry registry) {
        this.registry = registry;
    }

    /**
     * A message that names a command.
     *
     * @param command the command to run (a child when one was named)
     * @param prefix the prefix the message used
     * @param args the rest of the message, trimmed
     */
    public record Parsed(RegisteredCommand command, String prefix, String args) {

        /**
         * Returns how the command is written, for usage replies, for example {@code !voice end}.
         *
         * @return the prefix and the command's path
         */
        public String invocation() {
            return prefix + command.path();
        }
    }

    /**
     * Parses a message.
     *
     * @param content the message text
     * @param prefix the prefix that applies where it was sent
     * @return the command it names, or empty if it does not start with the prefix or names no command
     */
    public Optional<Parsed> parse(String content, String prefix) {
        String text = content.strip();
        if (!text.startsWith(prefix) || text.length() == prefix.length()) {
            return Optional.empty();
        }
        String rest = text.substring(prefix.length());
        if (Character.isWhitespace(rest.charAt(0))) {
            return Optional.empty();
        }
        String[] first = splitFirst(rest);
        Optional<RegisteredCommand> found = registry.find(first[0]);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RegisteredCommand command = found.get();
        String args = first[1];
        while (!args.isEmpty()) {
            String[] next = splitFirst(args);
            Optional<RegisteredCommand> child = command.child(next[0]);
            if (child.isEmpty()) {
                break;
            }
            command = child.get();
            args = next[1];
        }
        return Optional.of(new Parsed(command, prefix, args));
    }

    private static String[] splitFirst(String text) {
        String stripped = text.strip();
        int space = 0;
        while (space < stripped.length() && !Character.isWhitespace(stripped.charAt(space))) {
            space++;
        }
        return new String[] {stripped.substring(0, space), stripped.substring(space).strip()};
    }
}
