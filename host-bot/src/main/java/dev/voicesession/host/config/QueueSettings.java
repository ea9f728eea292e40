package dev.voicesession.host.config;

/**
 * The {@code queue} section.
 *
 * @param slots how many conversation requests may be active at once, at least one
 */
public record QueueSettings(int slots) {}
