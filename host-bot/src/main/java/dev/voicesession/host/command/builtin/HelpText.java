package dev.voicesession.host.command.builtin;

import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.host.command.CommandRegistry;
import dev.voicesession.host.command.RegisteredCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;

/** Formats the generated help from the registered commands' specs. */
final class HelpText {

    private static final String SLASH = "/";

    private HelpText() {}

    /**
     * Lists every command the user may run, with its one-line help and its children.
     *
     * @param registry the commands
     * @param prefix {@code !} (or the guild's prefix) for a prefix invocation, {@code /} for a slash one
     * @param owner whether the user is an owner (owner-only commands are shown to owners only)
     * @return the text
     */
    static String overview(CommandRegistry registry, String prefix, boolean owner) {
        StringBuilder text = new StringBuilder("Commands:\n");
        for (RegisteredCommand command : registry.commands()) {
            if (!shown(command, prefix, owner)) {
                continue;
            }
            text.append(line(command, prefix));
            for (RegisteredCommand child : command.children()) {
                if (shown(child, prefix, owner)) {
                    text.append("  ").append(line(child, prefix));
                }
            }
        }
        text.append("Type ").append(prefix).append("help <command> for details.");
        return text.toString();
    }

    /**
     * Explains one command: usage, aliases, children and the checks it runs.
     *
     * @param registry the commands
     * @param prefix the prefix to show
     * @param words the command's path, for example {@code [voice, end]}
     * @param owner whether the user is an owner
     * @return the text, or a reply saying the command is unknown
     */
    static String details(CommandRegistry registry, String prefix, List<String> words, boolean owner) {
        String asked = String.join(" ", words);
        Optional<RegisteredCommand> found = registry.find(stripPrefix(words.getFirst(), prefix));
        for (String word : words.subList(1, words.size())) {
            found = found.flatMap(command -> command.child(word));
        }
        if (found.isEmpty() || (found.get().spec().ownerOnly() && !owner)) {
            return "There is no command called '" + asked + "'. Type " + prefix + "help for the list.";
        }
        RegisteredCommand command = found.get();
        CommandSpec spec = command.spec();
        StringBuilder text = new StringBuilder(line(command, prefix));
        if (!spec.aliases().isEmpty()) {
            text.append("Aliases: ").append(spec.aliases().stream().map(alias -> prefix + alias)
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (!command.children().isEmpty()) {
            text.append("Subcommands: ").append(command.children().stream().map(child -> child.spec().name())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (!spec.cooldown().isZero()) {
            text.append("Cooldown: ").append(describe(spec.cooldown())).append('\n');
        }
        if (!spec.userPermissions().isEmpty()) {
            text.append("You need: ").append(names(spec.userPermissions())).append('\n');
        }
        if (!spec.botPermissions().isEmpty()) {
            text.append("The bot needs: ").append(names(spec.botPermissions())).append('\n');
        }
        if (spec.guildOnly()) {
            text.append("Works in servers only.\n");
        }
        if (spec.ownerOnly()) {
            text.append("Only the bot's owners can use it.\n");
        }
        return text.toString().strip();
    }

    /** Owner-only commands are for owners; prefix-only commands are not listed in slash help. */
    private static boolean shown(RegisteredCommand command, String prefix, boolean owner) {
        return (!command.spec().ownerOnly() || owner) && (!SLASH.equals(prefix) || command.spec().slash());
    }

    /**
     * One line of help. In slash form, a parent's own action is written with its {@code slashDefault}
     * subcommand ({@code /voice start}), since that is how Discord offers it.
     */
    private static String line(RegisteredCommand command, String prefix) {
        CommandSpec spec = command.spec();
        String arguments = spec.arguments().isEmpty() ? "" : " " + spec.arguments();
        String path = SLASH.equals(prefix) && spec.slashDefault() != null
                ? command.path() + " " + spec.slashDefault()
                : command.path();
        return prefix + path + arguments + " - " + spec.help() + "\n";
    }

    private static String stripPrefix(String word, String prefix) {
        return word.startsWith(prefix) && word.length() > prefix.length() ? word.substring(prefix.length()) : word;
    }

    private static String names(Set<Permission> permissions) {
        return permissions.stream().map(Permission::getName).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return duration.toMillis() + " ms";
        }
        return seconds % 60 == 0 && seconds >= 60 ? seconds / 60 + " min" : seconds + " s";
    }
}
