package dev.voicesession.emulator.core;

/** Where the services send gateway dispatches; implemented by the gateway. */
@FunctionalInterface
public interface EventSink {
    /** Queues an event for every matching gateway session, in call order. */
    void dispatch(GatewayEvent event);

    /**
     * Reports a change that no gateway session receives (an ephemeral message, which only its user sees),
     * for observers such as the web console. The gateway itself ignores it.
     */
    default void observe(GatewayEvent event) {}
}
