package dev.voicesession.host.queue;

import dev.voicesession.api.queue.RequestHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request handler of each request type. Filled once plugins have started; the queue exists
 * before that (plugins receive it in their context), so it looks handlers up here at every submit.
 */
public final class RequestHandlers {

    private static final Logger log = LoggerFactory.getLogger(RequestHandlers.class);

    private record Registration(RequestHandler handler, String owner) {}

    private final Map<String, Registration> byType = new ConcurrentHashMap<>();

    /**
     * Registers a handler unless its type already has one.
     *
     * @param handler the handler
     * @param owner the contributing plugin's id
     * @return {@code true} if it was registered
     */
    public boolean register(RequestHandler handler, String owner) {
        String type;
        try {
            type = handler.type();
        } catch (RuntimeException e) {
            // boundary around plugin code: a broken handler costs its type, not the bot
            log.error("Request handler '{}' of plugin '{}' not registered: type() failed", handler.getClass().getName(),
                    owner, e);
            return false;
        }
        Registration existing = byType.putIfAbsent(type, new Registration(handler, owner));
        if (existing != null) {
            log.error("Request handler '{}' of plugin '{}' not registered: type '{}' is already handled by '{}' of"
                    + " plugin '{}'", handler.getClass().getName(), owner, type, existing.handler().getClass().getName(),
                    existing.owner());
            return false;
        }
        log.info("Request type '{}' handled by '{}' of plugin '{}'", type, handler.getClass().getName(), owner);
        return true;
    }

    /**
     * Removes every handler of one owner, for a plugin that stops. Requests of their types still waiting
     * are refused when their turn comes, as for a type no plugin handles.
     *
     * @param owner the plugin's id
     */
    public void removeOwner(String owner) {
        byType.values().removeIf(registration -> registration.owner().equals(owner));
    }

    /**
     * Finds the handler of a type.
     *
     * @param type the request type
     * @return the handler, or empty if no plugin handles the type
     */
    public Optional<RequestHandler> find(String type) {
        return Optional.ofNullable(byType.get(type)).map(Registration::handler);
    }
}
