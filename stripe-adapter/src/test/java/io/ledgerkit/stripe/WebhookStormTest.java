package io.ledgerkit.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeDraft;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeService;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.stripe.WebhookOutcome.Status;
import io.ledgerkit.stripe.local.LocalStripe;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stripe's at-least-once world on one engine: 500 fees paid through checkout, every event
 * delivered three times in shuffled order from 8 threads, then late failures (and more copies of
 * the successes) the same way. Each fee ends paid once, with exactly one paymentSuccess event.
 */
abstract class WebhookStormTest {

  private static final int FEES = 500;
  private static final int THREADS = 8;
  private static final String SECRET = "whsec_storm";

  private LocalStripe stripe;

  /** @return the engine under test */
  protected abstract PersistenceAdapter adapter();

  @BeforeEach
  void startStripe() {
    stripe = LocalStripe.start();
  }

  @AfterEach
  void stopStripe() {
    stripe.close();
  }

  @Test
  void everyFeeIsPaidOnceWhateverTheDeliveries() throws Exception {
    Ledgerkit ledgerkit = Ledgerkit.builder().persistence(adapter())
        .paymentGateway(StripePaymentGateway.create(StripeSettings.of("sk_test_storm",
            "https://x/ok", "https://x/back").withApiBase(stripe.apiBase())))
        .build();
    FeeService fees = ledgerkit.fees();
    TenantId tenant = TenantId.of("storm-" + UUID.randomUUID());
    ledgerkit.tenants().register(tenant, TenantSettings.defaults());
    Caller staff = Caller.of(tenant.value(), "staff", Role.STAFF);
    StripeWebhookHandler webhooks = StripeWebhookHandler.create(fees, WebhookSettings.of(SECRET));

    List<Fee> paying = new ArrayList<>();
    List<String> successes = new ArrayList<>();
    List<String> lateFailures = new ArrayList<>();
    for (int i = 0; i < FEES; i++) {
      Fee fee = fees.assess(staff, FeeDraft.forUser("member-" + i).withAmount("2.50")).fee();
      String session = fees.startPayment(staff, fee.id()).session().reference();
      paying.add(fee);
      stripe.pay(session);
      successes.add(stripe.event("checkout.session.completed", session));
      lateFailures.add(stripe.event("checkout.session.async_payment_failed", session));
    }
    Random random = new Random(42);
    Map<Status, Integer> first = deliver(webhooks, threeTimesShuffled(successes, random));
    List<String> late = new ArrayList<>(threeTimesShuffled(lateFailures, random));
    late.addAll(successes);
    Collections.shuffle(late, random);
    Map<Status, Integer> second = deliver(webhooks, late);

    assertEquals(FEES, first.getOrDefault(Status.APPLIED, 0), "one success applied per fee");
    assertEquals(2 * FEES, first.getOrDefault(Status.DUPLICATE, 0)
        + first.getOrDefault(Status.NOT_APPLIED, 0), "every copy of it had no effect");
    assertEquals(0, second.getOrDefault(Status.APPLIED, 0), "late failures move no paid fee");
    for (Fee fee : paying) {
      assertEquals(FeeStatus.PAID, fees.findById(staff, fee.id()).orElseThrow().status());
      List<FeeEvent> history = fees.history(staff, fee.id());
      assertEquals(1, history.stream().filter(e -> e.type() == FeeEventType.PAYMENT_SUCCESS).count());
      assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.PAYMENT_ATTEMPT,
          FeeEventType.PAYMENT_SUCCESS), history.stream().map(FeeEvent::type).toList());
    }
    assertEquals(FEES, stripe.sessions().size(), "one checkout session per fee");
  }

  private static List<String> threeTimesShuffled(List<String> events, Random random) {
    List<String> copies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      copies.addAll(events);
    }
    Collections.shuffle(copies, random);
    return copies;
  }

  private static Map<Status, Integer> deliver(StripeWebhookHandler webhooks, List<String> payloads)
      throws Exception {
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(payloads);
    Map<Status, AtomicInteger> counts = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      counts.put(status, new AtomicInteger());
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          for (String payload = queue.poll(); payload != null; payload = queue.poll()) {
            String signature = LocalStripe.sign(payload, SECRET,
                Instant.now().getEpochSecond());
            counts.get(webhooks.handle(payload, signature).status()).incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<Status, Integer> result = new EnumMap<>(Status.class);
    counts.forEach((status, count) -> result.put(status, count.get()));
    return result;
  }
}
