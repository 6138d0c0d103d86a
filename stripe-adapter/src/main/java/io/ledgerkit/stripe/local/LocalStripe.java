package io.ledgerkit.stripe.local;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the part of the Stripe API the adapter uses, on a local port, for tests and
 * demos without network: create, retrieve and expire Checkout Sessions, with Stripe's idempotency
 * (a repeated key with the same parameters answers the first answer again; with others, an {@code
 * idempotency_error}), its error bodies and status codes, and a few of its refusals (an unsupported
 * currency, a three-decimal amount whose last digit is not zero, a missing key). It records every
 * request, can answer the next ones with errors or late, and plays the payer: {@link #pay},
 * {@link #completeUnpaid}, {@link #expire}. Events for webhooks come from {@link #event} and are
 * signed with Stripe's scheme by {@link #sign}.
 *
 * <pre>{@code
 * try (LocalStripe stripe = LocalStripe.start()) {
 *   StripePaymentGateway gateway = StripePaymentGateway.create(
 *       StripeSettings.of("sk_test_local", "https://host/paid", "https://host/back")
 *           .withApiBase(stripe.apiBase()));
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Not a security boundary: it accepts any key that starts with {@code sk_}.
 */
public final class LocalStripe implements AutoCloseable {

  /** Currencies Stripe does not take that ISO 4217 has, refused as Stripe refuses them. */
  static final Set<String> UNSUPPORTED_CURRENCIES =
      Set.of("cuc", "cup", "irr", "kpw", "sdg", "syp", "ves", "ssp");
  private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");
  private static final Gson JSON = new GsonBuilder().serializeNulls().create();

  private final HttpServer server;
  private final Clock clock;
  private final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();
  private final Map<String, Replay> idempotent = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final AtomicLong sequence = new AtomicLong();

  private LocalStripe(HttpServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  /** @return a stand-in listening on a free port of the loopback interface */
  public static LocalStripe start() {
    return start(Clock.systemUTC());
  }

  /**
   * @param clock where the sessions' and events' times come from
   * @return a stand-in listening on a free port of the loopback interface
   */
  public static LocalStripe start(Clock clock) {
    // Without TCP_NODELAY each small answer waits for the client's delayed ACK (tens of ms).
    // Read once, when the JDK's server is first used; the stand-in is a test and demo tool.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LocalStripe stripe = new LocalStripe(server, clock);
      server.createContext("/", stripe::serve);
      server.setExecutor(Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-stripe");
        thread.setDaemon(true);
        return thread;
      }));
      server.start();
      return stripe;
    } catch (IOException e) {
      throw new UncheckedIOException("the local Stripe could not listen", e);
    }
  }

  /** @return the base URI to give {@code StripeSettings.withApiBase} */
  public URI apiBase() {
    return URI.create("http://" + server.getAddress().getHostString() + ":"
        + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- scripting ----

  /**
   * Answers the next {@code times} API requests with a Stripe error.
   *
   * @param times how many requests
   * @param status the HTTP status, e.g. 402 for a card error
   * @param type Stripe's error type, e.g. {@code card_error}
   * @param code Stripe's error code, e.g. {@code card_declined}, or null
   * @param message the message
   * @return this stand-in
   */
  public synchronized LocalStripe failNext(int times, int status, String type,
      @Nullable String code, String message) {
    for (int i = 0; i < times; i++) {
      faults.add(new Fault(status, type, code, message, Duration.ZERO));
    }
    return this;
  }

  /**
   * Handles the next {@code times} API requests as usual, but answers them only after a delay: a
   * client with a shorter read timeout sees a timeout although the request took effect.
   *
   * @param times how many requests
   * @param delay how long each answer waits
   * @return this stand-in
   */
  public synchronized LocalStripe delayNext(int times, Duration delay) {
    for (int i = 0; i < times; i++) {
      faults.add(new Fault(0, "", null, "", delay));
    }
    return this;
  }

  /** @return every API request received so far, in order */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** @return every session created so far, by id, as Stripe would show it */
  public Map<String, Map<String, Object>> sessions() {
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    sessions.forEach((id, session) -> copy.put(id, Collections.unmodifiableMap(snapshot(session))));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * @param id a session id
   * @return the session as Stripe would show it
   */
  public Optional<Map<String, Object>> session(String id) {
    return Optional.ofNullable(sessions.get(id))
        .map(session -> Collections.unmodifiableMap(snapshot(session)));
  }

  /** The payer pays: the session completes, paid. */
  public void pay(String sessionId) {
    update(sessionId, "complete", "paid");
  }

  /** The payer completes with an asynchronous method (a bank debit): complete, still unpaid. */
  public void completeUnpaid(String sessionId) {
    update(sessionId, "complete", "unpaid");
  }

  /** The session expires unused. */
  public void expire(String sessionId) {
    update(sessionId, "expired", "unpaid");
  }

  /**
   * @param type the event type, e.g. {@code checkout.session.completed}
   * @param sessionId the session the event is about, as it stands now
   * @return the event's JSON, as Stripe would send it to a webhook endpoint
   */
  public String event(String type, String sessionId) {
    Map<String, Object> session = sessions.get(sessionId);
    if (session == null) {
      throw new IllegalArgumentException("no session " + sessionId);
    }
    return event("evt_" + uuid(), type, session);
  }

  /**
   * @param eventId the event's id
   * @param type the event type
   * @param object the event's object
   * @return the event's JSON, as Stripe would send it to a webhook endpoint
   */
  public String event(String eventId, String type, Map<String, Object> object) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", eventId);
    event.put("object", "event");
    event.put("api_version", Stripe.API_VERSION);
    event.put("created", clock.instant().getEpochSecond());
    event.put("type", type);
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    event.put("data", Map.of("object", object));
    return JSON.toJson(event);
  }

  /**
   * Signs a payload as Stripe signs webhook deliveries: {@code t=<seconds>,v1=<HMAC-SHA256 of
   * "<seconds>.<payload>" under the endpoint secret, in hex>}.
   *
   * @param payload the raw body
   * @param secret the endpoint's signing secret ({@code whsec_...})
   * @param epochSecond the signing time
   * @return the {@code Stripe-Signature} header value
   */
  public static String sign(String payload, String secret, long epochSecond) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((epochSecond + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + epochSecond + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  // ---- the API ----

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Map<String, String> params = form(exchange.getRequestBody());
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      Fault fault;
      synchronized (this) {
        requests.add(new Request(method, path, key,
            exchange.getRequestHeaders().getFirst("Stripe-Version"), Map.copyOf(params)));
        fault = faults.poll();
      }
      Answer answer;
      if (fault != null && fault.status() != 0) {
        answer = error(fault.status(), fault.type(), fault.code(), fault.message());
      } else {
        answer = answer(exchange, method, path, params, key);
      }
      if (fault != null && !fault.delay().isZero()) {
        sleep(fault.delay());
      }
      byte[] body = JSON.toJson(answer.body()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Request-Id", "req_" + sequence.incrementAndGet());
      if (answer.replayed()) {
        exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
      }
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException | RuntimeException e) {
      // The client went away (a timeout it provoked): nothing to answer.
    }
  }

  private Answer answer(HttpExchange exchange, String method, String path,
      Map<String, String> params, @Nullable String key) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer sk_")) {
      return error(401, "invalid_request_error", null, "Invalid API Key provided");
    }
    if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
      if (key == null) {
        return create(params);
      }
      String fingerprint = new TreeMap<>(params).toString();
      boolean[] fresh = new boolean[1];
      Replay replay = idempotent.computeIfAbsent(key, k -> {
        fresh[0] = true;
        return new Replay(fingerprint, create(params));
      });
      if (!replay.fingerprint().equals(fingerprint)) {
        return error(400, "idempotency_error", null, "Keys for idempotent requests can only be used"
            + " with the same parameters they were first used with.");
      }
      return new Answer(replay.answer().status(), replay.answer().body(), !fresh[0]);
    }
    if (path.startsWith("/v1/checkout/sessions/")) {
      String rest = path.substring("/v1/checkout/sessions/".length());
      if (method.equals("GET") && !rest.contains("/")) {
        return Optional.ofNullable(sessions.get(rest)).map(s -> new Answer(200, snapshot(s), false))
            .orElseGet(() -> missing(rest));
      }
      if (method.equals("POST") && rest.endsWith("/expire")) {
        String id = rest.substring(0, rest.length() - "/expire".length());
        Map<String, Object> session = sessions.get(id);
        if (session == null) {
          return missing(id);
        }
        synchronized (session) {
          if (!"open".equals(session.get("status"))) {
            return error(400, "invalid_request_error", "checkout_session_not_open",
                "Only Checkout Sessions with a status in [\"open\"] can be expired.");
          }
          session.put("status", "expired");
          session.put("url", null);
        }
        return new Answer(200, snapshot(session), false);
      }
    }
    return error(404, "invalid_request_error", "resource_missing", "Unrecognized request URL");
  }

  private Answer create(Map<String, String> params) {
    String currency = params.getOrDefault("line_items[0][price_data][currency]", "");
    String amountText = params.getOrDefault("line_items[0][price_data][unit_amount]", "");
    if (!"payment".equals(params.get("mode"))) {
      return error(400, "invalid_request_error", "parameter_missing", "Missing required param: mode.");
    }
    if (!currency.matches("[a-z]{3}") || UNSUPPORTED_CURRENCIES.contains(currency)) {
      return error(400, "invalid_request_error", "parameter_invalid_string",
          "Invalid currency: " + currency + ". Stripe currently supports these currencies: usd, ...");
    }
    long amount;
    try {
      amount = Long.parseLong(amountText);
    } catch (NumberFormatException e) {
      return error(400, "invalid_request_error", "parameter_invalid_integer",
          "Invalid integer: " + amountText);
    }
    if (amount < 1 || amount > 99_999_999L) {
      return error(400, "invalid_request_error", "amount_too_large",
          "Amount must be between one minor unit and 99,999,999.");
    }
    if (THREE_DECIMAL.contains(currency) && amount % 10 != 0) {
      return error(400, "invalid_request_error", "invalid_charge_amount",
          "Amounts in " + currency + " must end in 0.");
    }
    String id = "cs_test_" + uuid();
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("id", id);
    session.put("object", "checkout.session");
    session.put("mode", "payment");
    session.put("livemode", false);
    session.put("created", clock.instant().getEpochSecond());
    session.put("expires_at", clock.instant().plus(Duration.ofHours(24)).getEpochSecond());
    session.put("status", "open");
    session.put("payment_status", "unpaid");
    session.put("amount_total", amount);
    session.put("currency", currency);
    session.put("client_reference_id", params.get("client_reference_id"));
    session.put("success_url", params.get("success_url"));
    session.put("cancel_url", params.get("cancel_url"));
    session.put("url", apiBase() + "/pay/" + id);
    Map<String, String> metadata = new LinkedHashMap<>();
    params.forEach((name, value) -> {
      if (name.startsWith("metadata[") && name.endsWith("]")) {
        metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
      }
    });
    session.put("metadata", metadata);
    sessions.put(id, session);
    return new Answer(200, snapshot(session), false);
  }

  private void update(String sessionId, String status, String paymentStatus) {
    Map<String, Object> session = sessions.get(sessionId);
    if (session == null) {
      throw new IllegalArgumentException("no session " + sessionId);
    }
    synchronized (session) {
      session.put("status", status);
      session.put("payment_status", paymentStatus);
      session.put("url", null);
    }
  }

  private static Map<String, Object> snapshot(Map<String, Object> session) {
    synchronized (session) {
      return new LinkedHashMap<>(session);
    }
  }

  private static Answer missing(String id) {
    return error(404, "invalid_request_error", "resource_missing",
        "No such checkout.session: '" + id + "'");
  }

  private static Answer error(int status, String type, @Nullable String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    error.put("code", code);
    error.put("message", message);
    return new Answer(status, Map.of("error", error), false);
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> params = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return params;
    }
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
          StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1),
          StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String uuid() {
    return UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
  }

  /**
   * One API request as received.
   *
   * @param method the HTTP method
   * @param path the path, e.g. {@code /v1/checkout/sessions}
   * @param idempotencyKey its {@code Idempotency-Key} header, if any
   * @param stripeVersion its {@code Stripe-Version} header, if any
   * @param params its form parameters, names as Stripe writes them ({@code metadata[feeId]})
   */
  public record Request(String method, String path, @Nullable String idempotencyKey,
      @Nullable String stripeVersion, Map<String, String> params) {}

  private record Answer(int status, Map<String, Object> body, boolean replayed) {}

  private record Replay(String fingerprint, Answer answer) {}

  private record Fault(int status, String type, @Nullable String code, String message,
      Duration delay) {}
}
