package dev.voicesession.host;

import dev.voicesession.api.config.ConfigException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SIGHUP} re-reads the reference bot's configuration, as the owners' {@code reload} command does.
 * Only the reference bot installs it (a library in someone else's bot never takes a signal). The JDK's
 * signal API ({@code sun.misc.Signal} in {@code jdk.unsupported}) is reached reflectively, so that the
 * build's warnings-as-errors does not trip over its "internal API" warning; where it is missing, the
 * bot runs without the signal and says so once.
 */
final class HangupReload {

    private static final Logger log = LoggerFactory.getLogger(HangupReload.class);

    private HangupReload() {}

    /**
     * Installs the handler; each {@code SIGHUP} runs the reload on a thread of its own.
     *
     * @param host the running host
     * @return {@code true} if the signal is handled
     */
    static boolean install(BotHost host) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            InvocationHandler onSignal = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    Thread.ofPlatform().name("config-reload").start(() -> reload(host));
                    return null;
                }
                return switch (method.getName()) {
                    case "toString" -> "HangupReload";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                };
            };
            Object handler = Proxy.newProxyInstance(HangupReload.class.getClassLoader(), new Class<?>[] {handlerClass},
                    onSignal);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            log.info("SIGHUP does not reload the configuration on this JVM ({}); use the owners' reload command",
                    e.toString());
            return false;
        } catch (InvocationTargetException e) {
            // IllegalArgumentException: the signal is in use or unknown on this platform (for example Windows)
            log.info("SIGHUP does not reload the configuration here ({}); use the owners' reload command",
                    e.getCause().getMessage());
            return false;
        }
    }

    private static void reload(BotHost host) {
        try {
            List<String> needRestart = host.reload();
            if (needRestart.isEmpty()) {
                log.info("SIGHUP: configuration reloaded; every change applies to new sessions");
            } else {
                log.info("SIGHUP: configuration reloaded; these keep their old value until a restart: {}", needRestart);
            }
        } catch (ConfigException | IllegalStateException e) {
            log.error("SIGHUP: configuration not reloaded, nothing changed: {}", e.getMessage());
        }
    }
}
