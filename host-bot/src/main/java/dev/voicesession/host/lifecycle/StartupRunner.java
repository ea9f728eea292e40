package dev.voicesession.host.lifecycle;

import dev.voicesession.api.DiscordClient;
import dev.voicesession.api.lifecycle.StartupParticipant;
import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.Guild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every {@link StartupParticipant} once, in turn, on the calling thread. A participant that
 * throws is logged and does not stop the others.
 */
public final class StartupRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupRunner.class);

    private final Function<Object, String> ownerOf;

    /**
     * Creates the runner.
     *
     * @param ownerOf names the plugin a participant belongs to, for log lines
     */
    public StartupRunner(Function<Object, String> ownerOf) {
        this.ownerOf = ownerOf;
    }

    /**
     * Runs the participants.
     *
     * @param participants the participants
     * @param discord the ready Discord client
     * @return how many participants threw
     */
    public int run(List<? extends StartupParticipant> participants, DiscordClient discord) {
        List<Guild> guilds = discord.guilds();
        int failures = 0;
        for (StartupParticipant participant : participants) {
            try {
                participant.onReady(discord, guilds);
            } catch (RuntimeException | LinkageError e) {
                // boundary around plugin code: one participant must not stop the others or the host
                failures++;
                log.error("Startup participant '{}' of plugin '{}' failed", participant.getClass().getName(),
                        ownerOf.apply(participant), e);
            }
        }
        return failures;
    }
}
