package dev.voicesession.host.queue;

/** A status message that tells how to edit it again after a restart: see {@link StatusRef}. */
public interface ReferableStatus {

    /**
     * Returns where the message is and how it is edited.
     *
     * @return the reference
     */
    StatusRef statusRef();
}
