package dev.voicesession.emulator.model;

/**
 * A Discord user known to the emulator: the bot itself or a simulated human.
 *
 * @param id snowflake id
 * @param username unique user name
 * @param globalName display name, or {@code null}
 * @param bot whether the account is a bot
 */
public record User(long id, String username, String globalName, boolean bot) {}
