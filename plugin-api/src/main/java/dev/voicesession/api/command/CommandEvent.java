package dev.voicesession.api.command;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * One invocation of a {@link BotCommand}, from a message or a slash command.
 *
 * <p>Replies never mention {@code @everyone}, {@code @here}, roles or users: the host turns all
 * mentions off, whatever the text contains.
 */
public interface CommandEvent {

    /**
     * Returns the user who ran the command.
     *
     * @return the author
     */
    User author();

    /**
     * Returns the author as a guild member.
     *
     * @return the member, or {@code null} in a direct message
     */
    Member member();

    /**
     * Returns the guild the command ran in.
     *
     * @return the guild, or {@code null} in a direct message
     */
    Guild guild();

    /**
     * Returns the channel the command ran in.
     *
     * @return the channel
     */
    MessageChannel channel();

    /**
     * Returns the text after the command (and child command) name, trimmed. For a slash command, the
     * option values joined by spaces in declared order; a user option is given as a mention ({@code
     * <@id>}).
     *
     * @return the arguments, empty if none
     */
    String args();

    /**
     * Returns {@link #args()} split on white space.
     *
     * @return the words, empty if none
     */
    default List<String> argList() {
        String args = args().strip();
        return args.isEmpty() ? List.of() : List.of(args.split("\\s+"));
    }

    /**
     * Tells whether this is a slash command.
     *
     * @return {@code true} for a slash command, {@code false} for a prefix command
     */
    boolean isSlash();

    /**
     * Returns how to write this command in the form it was run, for usage replies, for example {@code
     * !voice end} or {@code /voice end}.
     *
     * @return the invocation without arguments
     */
    String invocation();

    /**
     * Sends a reply. For a prefix command it is a message in the channel that replies to the
     * command; for a slash command the first reply is the interaction's response and later ones are
     * follow-ups.
     *
     * @param content the text, at most 2000 characters
     * @return a future with a handle to edit the reply, completed exceptionally if Discord refused it
     */
    CompletableFuture<StatusMessage> reply(String content);
}
