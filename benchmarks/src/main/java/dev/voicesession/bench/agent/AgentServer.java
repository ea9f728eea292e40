package dev.voicesession.bench.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's loopback HTTP endpoints, through which the benchmark driver reads the probes: each path maps
 * to a supplier of a JSON-serializable value. One platform thread serves them, away from the host's threads.
 */
final class AgentServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The name of the thread that serves the endpoints. */
    static final String THREAD = "bench-agent-http";

    private final HttpServer server;

    AgentServer(Map<String, Supplier<Object>> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(THREAD).daemon(true).factory()));
        routes.forEach((path, supplier) -> server.createContext(path, exchange -> serve(exchange, supplier)));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, Supplier<Object> supplier) throws IOException {
        byte[] body;
        int status;
        try {
            body = JSON.writeValueAsBytes(supplier.get());
            status = 200;
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("Agent endpoint '{}' failed", exchange.getRequestURI(), e);
            body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        // waits up to a second for the answer in flight (the stop request's own)
        server.stop(1);
    }
}
