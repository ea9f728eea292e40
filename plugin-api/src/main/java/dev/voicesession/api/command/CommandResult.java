package dev.voicesession.api.command;

/**
 * What came of running a {@link BotCommand}, for the host's bookkeeping around it.
 *
 * <p>Only the per-user cooldown depends on it today: a command that refuses at once, before doing any work
 * (for example because its feature is off in the guild, or because the user asks for something they already
 * have), returns {@link #REFUSED} and the host does not count the run against the user's cooldown, so the
 * user can try again as soon as the cause is fixed.
 */
public enum CommandResult {
    /** The command did its work, or started it; the run counts against the user's cooldown. */
    DONE,
    /** The command refused at once and told the user why; the run does not count against the cooldown. */
    REFUSED
}
