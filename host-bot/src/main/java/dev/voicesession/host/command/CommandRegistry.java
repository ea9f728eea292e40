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
 * Every command the host runs, by name and alias. Commands are added at start and when a plugin starts
 * at run time, and removed with their plugin; readers always see a consistent snapshot.
 *
 * <p>A command whose name or alias is already taken is refused and logged with both owners; the first
 * registration wins, and the host's built-in commands are registered first. A command whose spec
 * cannot be read (it throws, for example on an invalid name) is refused and logged too.
 */
public final class CommandRegistry {

    private static final Logger log = LoggerFactory.getLogger(CommandRegistry.class);

    private record Snapshot(List<RegisteredCommand> commands, Map<String, RegisteredCommand> byWord) {}

    private final Object writeLock = new Object();
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());

    private CommandRegistry() {}

    /**
     * Starts an empty registry.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates an empty registry to add commands to.
     *
     * @return the registry
     */
    public static CommandRegistry empty() {
        return new CommandRegistry();
    }

    /**
     * Finds a top-level command by name or alias, ignoring case.
     *
     * @param word the word after the prefix
     * @return the command, or empty
     */
    public Optional<RegisteredCommand> find(String word) {
        return Optional.ofNullable(snapshot.byWord().get(word.toLowerCase(Locale.ROOT)));
    }

    /**
     * Finds the command a slash invocation names.
     *
     * @param name the slash command's name
     * @param subcommand the subcommand's name, or {@code null}
     * @return the command, or empty if none matches
     */
    public Optional<RegisteredCommand> findSlash(String name, String subcommand) {
        Optional<RegisteredCommand> top = snapshot.commands().stream()
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
        return snapshot.commands();
    }

    /**
     * Returns the top-level commands one owner contributed.
     *
     * @param owner a plugin id, or {@code host}
     * @return an immutable list
     */
    public List<RegisteredCommand> commandsOf(String owner) {
        return snapshot.commands().stream().filter(command -> command.owner().equals(owner)).toList();
    }

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
        synchronized (writeLock) {
            Snapshot current = snapshot;
            for (String word : words) {
                RegisteredCommand taken = current.byWord().get(word.toLowerCase(Locale.ROOT));
                if (taken != null) {
                    log.error("Command '{}' of plugin '{}' not registered: the name '{}' is already used by command"
                            + " '{}' of plugin '{}'", registered.path(), owner, word, taken.path(), taken.owner());
                    return false;
                }
            }
            Map<String, RegisteredCommand> byWord = new LinkedHashMap<>(current.byWord());
            words.forEach(word -> byWord.put(word.toLowerCase(Locale.ROOT), registered));
            List<RegisteredCommand> commands = new ArrayList<>(current.commands());
            commands.add(registered);
            snapshot = new Snapshot(List.copyOf(commands), Map.copyOf(byWord));
        }
        return true;
    }

    /**
     * Removes every command of one owner, for a plugin that stops.
     *
     * @param owner a plugin id
     * @return the commands removed
     */
    public List<RegisteredCommand> removeOwner(String owner) {
        synchronized (writeLock) {
            Snapshot current = snapshot;
            List<RegisteredCommand> removed = current.commands().stream()
                    .filter(command -> command.owner().equals(owner))
                    .toList();
            if (removed.isEmpty()) {
                return removed;
            }
            Map<String, RegisteredCommand> byWord = new LinkedHashMap<>(current.byWord());
            byWord.values().removeIf(command -> command.owner().equals(owner));
            List<RegisteredCommand> commands = new ArrayList<>(current.commands());
            commands.removeAll(removed);
            snapshot = new Snapshot(List.copyOf(commands), Map.copyOf(byWord));
            return removed;
        }
    }

    /** Collects commands into a new registry, refusing names already taken. */
    public static final class Builder {
        private final CommandRegistry registry = new CommandRegistry();

        private Builder() {}

        /**
         * Adds a top-level command unless one of its names is taken.
         *
         * @param command the command
         * @param owner the contributing plugin's id, or {@code host}
         * @return {@code true} if it was added
         */
        public boolean add(BotCommand command, String owner) {
            return registry.add(command, owner);
        }

        /**
         * Returns the registry.
         *
         * @return the registry, which takes further commands through {@link CommandRegistry#add}
         */
        public CommandRegistry build() {
            return registry;
        }
    }
}
