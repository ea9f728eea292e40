package dev.voicesession.host.command;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandSpec;
import java.util.List;
import java.util.Optional;

/**
 * A command as the registry holds it: its spec read once, who contributed it, and its children.
 *
 * @param command the command
 * @param spec its description, read once at registration
 * @param owner the id of the plugin that contributed it, or {@code host} for a built-in command
 * @param path the names from the top-level command down to this one, for example {@code voice end}
 * @param children the registered children, in declared order
 */
public record RegisteredCommand(
        BotCommand command, CommandSpec spec, String owner, String path, List<RegisteredCommand> children) {

    /** Copies the children. */
    public RegisteredCommand {
        children = List.copyOf(children);
    }

    /**
     * Registers a command and, recursively, its children.
     *
     * @param command the command
     * @param owner the contributing plugin's id
     * @return the registered command
     */
    public static RegisteredCommand of(BotCommand command, String owner) {
        return of(command, owner, "");
    }

    private static RegisteredCommand of(BotCommand command, String owner, String parentPath) {
        CommandSpec spec = command.spec();
        String path = parentPath.isEmpty() ? spec.name() : parentPath + " " + spec.name();
        List<RegisteredCommand> children = spec.children().stream()
                .map(child -> of(child, owner, path))
                .toList();
        return new RegisteredCommand(command, spec, owner, path, children);
    }

    /**
     * Finds the child that {@code word} names, by name or alias.
     *
     * @param word a word the user typed
     * @return the child, or empty
     */
    public Optional<RegisteredCommand> child(String word) {
        return children.stream().filter(child -> child.spec().matches(word)).findFirst();
    }
}
