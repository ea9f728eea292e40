package dev.voicesession.host.command;

import dev.voicesession.api.command.BotCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every command the host runs, by name and alias. Built once at start and read-only afterwards.
 *
 * <p>A command whose name or alias is already taken is refused and logged with both owners; the first
 * registration wins, and the host's built-in commands are registered first. A command whose spec
 * cannot be read (it throws, for example on an invalid name) is refused and logged too.
 */
public final class CommandRegistry {

    private static final Logger log = LoggerFactory.getLogger(CommandRegistry.class);

    private final List<RegisteredCommand> commands;
    private final Map<String, RegisteredCommand> byWord;

    private CommandRegistry(List<RegisteredCommand> commands, Map<String, RegisteredCommand> byWord) {
        this.commands = List.copyOf(commands);
        this.byWord = Map.copyOf(byWord);
    }

    /**
     * Starts an empty registry.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds a top-level command by name or alias, ignoring case.
     *
     * @param word the word after the prefix
     * @return the command, or empty
     */
    public Optional<RegisteredCommand> find(String word) {
        return Optional.ofNullable(byWord.get(word.toLowerCase(Locale.ROOT)));
    }

    /**
     * Finds the command a slash invocation names.
     *
     * @param name the slash command's name
     * @param subcommand the subcommand's name, or {@code null}
     * @return the command, or empty if none matches
     */
    public Optional<RegisteredCommand> findSlash(String name, String subcommand) {
        Optional<RegisteredCommand> top = commands.stream()
                .filter(command -> command.spec().name().equals(name))
                .findFirst();
        if (subcommand == null || top.isEmpty()) {
            return top;
        }
        RegisteredCommand parent = top.get();
        if (subcommand.equals(parent.spec().slashDefault())) {
            return top;
        }
        return parent.children().stream()
                .filter(child -> child.spec().name().equals(subcommand))
                .findFirst();
    }

    /**
     * Returns the top-level commands in registration order.
     *
     * @return an immutable list
     */
    public List<RegisteredCommand> commands() {
        return commands;
    }

    /** Collects commands, refusing names already taken. */
    public static final class Builder {
        private final List<RegisteredCommand> commands = new ArrayList<>();
        private final Map<String, RegisteredCommand> byWord = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a top-level command unless one of its names is taken.
         *
         * @param command the command
         * @param owner the contributing plugin's id, or {@code host}
         * @return {@code true} if it was added
         */
        public boolean add(BotCommand command, String owner) {
            RegisteredCommand registered;
            try {
                registered = RegisteredCommand.of(command, owner);
            } catch (RuntimeException e) {
                // boundary around plugin code: an invalid spec costs that command, not the bot
                log.error("Command '{}' of plugin '{}' not registered: its spec is invalid", command.getClass().getName(),
                        owner, e);
                return false;
            }
            List<String> words = new ArrayList<>();
            words.add(registered.spec().name());
            words.addAll(registered.spec().aliases());
            for (String word : words) {
                RegisteredCommand taken = byWord.get(word.toLowerCase(Locale.ROOT));
                if (taken != null) {
                    log.error("Command '{}' of plugin '{}' not registered: the name '{}' is already used by command"
                            + " '{}' of plugin '{}'", registered.path(), owner, word, taken.path(), taken.owner());
                    return false;
                }
            }
            words.forEach(word -> byWord.put(word.toLowerCase(Locale.ROOT), registered));
            commands.add(registered);
            return true;
        }

        /**
         * Builds the registry.
         *
         * @return the read-only registry
         */
        public CommandRegistry build() {
            return new CommandRegistry(commands, byWord);
        }
    }
}
