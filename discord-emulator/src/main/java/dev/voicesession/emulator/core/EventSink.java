package dev.voicesession.emulator.core;

/** Where the services send gateway dispatches; implemented by the gateway. */
@FunctionalInterface
public interface EventSink {
    /** Queues an event for every matching gateway session, in call order. */
    void dispatch(GatewayEvent event);
}
