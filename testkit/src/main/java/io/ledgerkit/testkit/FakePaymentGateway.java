package io.ledgerkit.testkit;

import io.ledgerkit.fee.PaymentGateway;
import io.ledgerkit.fee.PaymentGatewayException;
import io.ledgerkit.fee.PaymentRequest;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.fee.PaymentSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scriptable payment gateway for tests: it opens one checkout per idempotency key (a repeated
 * key gives the same session, as a real provider's idempotency does), records every request, fails
 * the next starts with the error codes it is told, and answers {@link #outcomeOf} with the results
 * it is told. Thread-safe.
 */
public final class FakePaymentGateway implements PaymentGateway {

  private final Map<String, PaymentSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, PaymentResult> outcomes = new ConcurrentHashMap<>();
  private final List<PaymentRequest> requests = new ArrayList<>();
  private final Deque<String> failures = new ArrayDeque<>();
  private final Set<String> open = ConcurrentHashMap.newKeySet();

  @Override
  public PaymentSession startCheckout(PaymentRequest request) {
    String failure;
    synchronized (this) {
      requests.add(request);
      failure = failures.poll();
    }
    if (failure != null) {
      throw new PaymentGatewayException(failure, "the payment could not be started (" + failure + ")",
          null);
    }
    return sessions.computeIfAbsent(request.idempotencyKey(), key -> {
      String reference = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
      return new PaymentSession(reference, "https://checkout.example/" + reference);
    });
  }

  @Override
  public Optional<PaymentResult> outcomeOf(PaymentRequest request, String reference) {
    return Optional.ofNullable(outcomes.get(reference));
  }

  /**
   * Closes the checkout as a provider would: it ends expired, unless it had ended before or was
   * marked {@link #keepOpen}.
   */
  @Override
  public Optional<PaymentResult> expireCheckout(PaymentRequest request, String reference) {
    if (open.contains(reference)) {
      return Optional.empty();
    }
    return Optional.of(outcomes.computeIfAbsent(reference, key -> PaymentResult.EXPIRED));
  }

  /**
   * @param reference a checkout
   * @return this gateway, unable to close that checkout from now on
   */
  public FakePaymentGateway keepOpen(String reference) {
    open.add(reference);
    return this;
  }

  /**
   * @param code the provider's error code the next start fails with (queued: one per call)
   * @return this gateway
   */
  public synchronized FakePaymentGateway failNextStart(String code) {
    failures.add(code);
    return this;
  }

  /**
   * @param reference a session's reference
   * @param result what {@link #outcomeOf} answers for it from now on
   * @return this gateway
   */
  public FakePaymentGateway settle(String reference, PaymentResult result) {
    outcomes.put(reference, result);
    return this;
  }

  /** @return every start request received, in order, the failed ones included */
  public synchronized List<PaymentRequest> requests() {
    return List.copyOf(requests);
  }

  /** @return how many distinct checkouts were opened */
  public int sessionsOpened() {
    return sessions.size();
  }
}
