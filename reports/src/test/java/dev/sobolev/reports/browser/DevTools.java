package dev.sobolev.reports.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Chrome DevTools Protocol connection over the JDK's {@link WebSocket}: commands with their replies, and every
 * event kept in arrival order. One connection to the browser endpoint carries the page's session too ("flat"
 * sessions: a command names its {@code sessionId}).
 */
final class DevTools implements AutoCloseable {
    /** How long a command may take before the check fails. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private DevTools(URI endpoint) throws IOException, InterruptedException {
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(REPLY_TIMEOUT)
                    .buildAsync(endpoint, new Listener()).get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to " + endpoint, e);
        }
    }

    /** Connects to a DevTools WebSocket endpoint ({@code ws://127.0.0.1:port/devtools/browser/…}). */
    static DevTools connect(URI endpoint) throws IOException, InterruptedException {
        return new DevTools(endpoint);
    }

    /**
     * Sends a command and waits for its result.
     *
     * @param session the page session, or null for the browser
     * @param method  e.g. {@code Page.navigate}
     * @param params  the parameters, or null
     * @return the {@code result} object
     */
    JsonNode call(String session, String method, ObjectNode params) throws IOException, InterruptedException {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        JsonNode answer = await(reply, method);
        if (answer.has("error")) {
            throw new IOException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    /** A future of the next event of this method; register it before the command that causes the event. */
    CompletableFuture<JsonNode> next(String method) {
        return waiting.computeIfAbsent(method, m -> new CompletableFuture<>());
    }

    /** Waits for a future of {@link #next}, failing after {@link #REPLY_TIMEOUT}. */
    static JsonNode await(CompletableFuture<JsonNode> future, String what) throws IOException, InterruptedException {
        try {
            return future.get(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(what, e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(what + ": no answer within " + REPLY_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Every event received so far ({@code method}, {@code params}, {@code sessionId}), in order. */
    List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** A new empty parameter object. */
    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("DevTools sent no JSON: " + text, e);
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asLong());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        synchronized (events) {
            events.add(message);
        }
        CompletableFuture<JsonNode> waiter = waiting.remove(message.path("method").asText());
        if (waiter != null) {
            waiter.complete(message.path("params"));
        }
    }

    /** Joins fragmented text messages (a screenshot arrives in many) and hands each whole one to dispatch. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            IOException closed = new IOException("DevTools connection failed", error);
            replies.values().forEach(r -> r.completeExceptionally(closed));
            waiting.values().forEach(w -> w.completeExceptionally(closed));
        }
    }
}
