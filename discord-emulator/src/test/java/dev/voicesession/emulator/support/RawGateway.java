package dev.voicesession.emulator.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A bare gateway client (no compression) that records every payload, for checking payload shapes. */
public final class RawGateway implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    /** Connects to a gateway URL. */
    public RawGateway(String gatewayUrl) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(gatewayUrl + "?v=10&encoding=json"), new WebSocket.Listener() {
                    private final StringBuilder buffer = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        buffer.append(data);
                        if (last) {
                            try {
                                received.add(MAPPER.readTree(buffer.toString()));
                            } catch (JsonProcessingException e) {
                                throw new IllegalStateException("Gateway sent invalid JSON: " + buffer, e);
                            }
                            buffer.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
    }

    /** Sends a payload. */
    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** Waits for and returns the first payload with the given op (and event name, if a dispatch). */
    public JsonNode await(int op, String type) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> find(op, type) != null);
        return find(op, type);
    }

    /** Waits for the first dispatch of {@code type} whose data matches, and returns its data. */
    public JsonNode awaitDispatch(String type, Predicate<JsonNode> data) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> findDispatch(type, data) != null);
        return findDispatch(type, data);
    }

    /** The data of every dispatch of {@code type} received so far, oldest first. */
    public List<JsonNode> dispatches(String type) {
        return received.stream()
                .filter(p -> p.path("op").asInt() == 0 && type.equals(p.path("t").asText()))
                .map(p -> p.path("d"))
                .toList();
    }

    /** Sends IDENTIFY with the given token and intents. */
    public void identify(String token, int intents) {
        send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":" + intents
                + ",\"properties\":{\"os\":\"linux\",\"browser\":\"raw\",\"device\":\"raw\"}}}");
    }

    /** Sends IDENTIFY for one shard of {@code shardCount}. */
    public void identify(String token, int intents, int shardId, int shardCount) {
        send("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":" + intents + ",\"shard\":[" + shardId + ","
                + shardCount + "],\"properties\":{\"os\":\"linux\",\"browser\":\"raw\",\"device\":\"raw\"}}}");
    }

    /** Every payload with the given op received so far, oldest first. */
    public List<JsonNode> payloads(int op) {
        return received.stream().filter(p -> p.path("op").asInt() == op).toList();
    }

    /** Waits until the gateway closes the connection and returns the close code. */
    public int awaitClose() throws Exception {
        return closeCode.get(5, TimeUnit.SECONDS);
    }

    private JsonNode findDispatch(String type, Predicate<JsonNode> data) {
        return dispatches(type).stream().filter(data).findFirst().orElse(null);
    }

    private JsonNode find(int op, String type) {
        return received.stream()
                .filter(p -> p.path("op").asInt() == op && (type == null || type.equals(p.path("t").asText())))
                .findFirst()
                .orElse(null);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS);
    }
}
