package dev.voicesession.host.queue;

/** A command that can be found again after a restart, to reach its user: see {@link CommandRef}. */
public interface ReferableCommand {

    /**
     * Returns how to find this command again.
     *
     * @return the reference
     */
    CommandRef commandRef();
}
