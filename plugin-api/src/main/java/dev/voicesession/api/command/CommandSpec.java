package dev.voicesession.api.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/**
 * What a {@link BotCommand} is called and which checks the host runs before it.
 *
 * <p>Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * CommandSpec.builder("voice")
 *         .help("Start a private voice session")
 *         .guildOnly()
 *         .botPermissions(Permission.MANAGE_CHANNEL, Permission.VOICE_CONNECT)
 *         .cooldown(Duration.ofSeconds(5))
 *         .slashDefault("start")
 *         .child(new CloseCommand(manager))
 *         .build();
 * }</pre>
 *
 * <p>Names follow Discord's slash-command rules (1 to 32 lower-case letters, digits, {@code -} or
 * {@code _}) so that every prefix command is also a valid slash command.
 *
 * @param name the command's name, for example {@code voice}
 * @param aliases other names for the prefix form
 * @param help one line for generated help and the slash-command description (at most 100 characters)
 * @param arguments how to write the arguments, for usage replies ({@code <user>}), empty if none
 * @param cooldown how long a user waits between two runs; {@link Duration#ZERO} for none
 * @param userPermissions permissions the invoking member needs in the channel
 * @param botPermissions permissions the bot needs in the channel
 * @param guildOnly refuse the command in direct messages
 * @param ownerOnly only the bot's configured owners may run it
 * @param slash also register the command as a slash command
 * @param slashDefault for a command with children: the subcommand name under which this command's
 *     own action is offered as a slash command (Discord cannot run a parent of subcommands), or
 *     {@code null}
 * @param options the slash options; the host joins their values, in this order, into {@link
 *     CommandEvent#args()}
 * @param children child commands, run as {@code !name child ...} and {@code /name child}
 */
public record CommandSpec(
        String name,
        List<String> aliases,
        String help,
        String arguments,
        Duration cooldown,
        Set<Permission> userPermissions,
        Set<Permission> botPermissions,
        boolean guildOnly,
        boolean ownerOnly,
        boolean slash,
        String slashDefault,
        List<OptionData> options,
        List<BotCommand> children) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException if a name is not a valid command name, the help text is blank
     *     or longer than 100 characters, or the cooldown is negative
     */
    public CommandSpec {
        requireName(name);
        aliases = List.copyOf(aliases);
        aliases.forEach(CommandSpec::requireName);
        Objects.requireNonNull(help, "help");
        if (help.isBlank() || help.length() > 100) {
            throw new IllegalArgumentException(
                    "help of command '" + name + "' must be 1 to 100 characters, it is " + help.length());
        }
        arguments = Objects.requireNonNullElse(arguments, "");
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown of command '" + name + "' is negative");
        }
        userPermissions = Set.copyOf(userPermissions);
        botPermissions = Set.copyOf(botPermissions);
        if (slashDefault != null) {
            requireName(slashDefault);
        }
        options = List.copyOf(options);
        children = List.copyOf(children);
    }

    /**
     * Starts a description of the command {@code name}.
     *
     * @param name the command's name
     * @return a builder with no checks, no cooldown, and slash registration on
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Tells whether {@code word} names this command, by name or alias, ignoring case.
     *
     * @param word a word a user typed
     * @return {@code true} if it matches
     */
    public boolean matches(String word) {
        return name.equalsIgnoreCase(word) || aliases.stream().anyMatch(alias -> alias.equalsIgnoreCase(word));
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "command name '" + name + "' must be 1 to 32 characters of a-z, 0-9, '-' or '_'");
        }
    }

    /** Builds a {@link CommandSpec}. */
    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private String help = "";
        private String arguments = "";
        private Duration cooldown = Duration.ZERO;
        private final Set<Permission> userPermissions = EnumSet.noneOf(Permission.class);
        private final Set<Permission> botPermissions = EnumSet.noneOf(Permission.class);
        private boolean guildOnly;
        private boolean ownerOnly;
        private boolean slash = true;
        private String slashDefault;
        private final List<OptionData> options = new ArrayList<>();
        private final List<BotCommand> children = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds other names for the prefix form.
         *
         * @param aliases the aliases
         * @return this builder
         */
        public Builder aliases(String... aliases) {
            this.aliases.addAll(List.of(aliases));
            return this;
        }

        /**
         * Sets the one-line help, also used as the slash-command description.
         *
         * @param help at most 100 characters
         * @return this builder
         */
        public Builder help(String help) {
            this.help = help;
            return this;
        }

        /**
         * Sets how to write the arguments, shown in help and usage replies.
         *
         * @param arguments for example {@code <user>}
         * @return this builder
         */
        public Builder arguments(String arguments) {
            this.arguments = arguments;
            return this;
        }

        /**
         * Sets the per-user cooldown.
         *
         * @param cooldown how long a user waits between two runs
         * @return this builder
         */
        public Builder cooldown(Duration cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /**
         * Adds permissions the invoking member needs.
         *
         * @param permissions the permissions
         * @return this builder
         */
        public Builder userPermissions(Permission... permissions) {
            this.userPermissions.addAll(List.of(permissions));
            return this;
        }

        /**
         * Adds permissions the bot needs.
         *
         * @param permissions the permissions
         * @return this builder
         */
        public Builder botPermissions(Permission... permissions) {
            this.botPermissions.addAll(List.of(permissions));
            return this;
        }

        /**
         * Refuses the command in direct messages.
         *
         * @return this builder
         */
        public Builder guildOnly() {
            this.guildOnly = true;
            return this;
        }

        /**
         * Lets only the bot's owners run the command.
         *
         * @return this builder
         */
        public Builder ownerOnly() {
            this.ownerOnly = true;
            return this;
        }

        /**
         * Keeps the command out of the slash-command registration.
         *
         * @return this builder
         */
        public Builder prefixOnly() {
            this.slash = false;
            return this;
        }

        /**
         * Offers this command's own action as the slash subcommand {@code name}.
         *
         * @param name the subcommand name, for example {@code start}
         * @return this builder
         */
        public Builder slashDefault(String name) {
            this.slashDefault = name;
            return this;
        }

        /**
         * Adds a slash option.
         *
         * @param option the option
         * @return this builder
         */
        public Builder option(OptionData option) {
            this.options.add(option);
            return this;
        }

        /**
         * Adds a child command.
         *
         * @param child the child
         * @return this builder
         */
        public Builder child(BotCommand child) {
            this.children.add(child);
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException if a component is invalid
         */
        public CommandSpec build() {
            return new CommandSpec(
                    name, aliases, help, arguments, cooldown, userPermissions, botPermissions, guildOnly, ownerOnly,
                    slash, slashDefault, options, children);
        }
    }
}
