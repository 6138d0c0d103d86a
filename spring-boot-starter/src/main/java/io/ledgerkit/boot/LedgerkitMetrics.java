package io.ledgerkit.boot;

import io.ledgerkit.OperationEvent;
import io.ledgerkit.OperationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every operation of the SDK as the Micrometer timer {@value #TIMER}, tagged with {@code
 * operation} (the service accessor and method, e.g. {@code customers.create}, {@code
 * tenants.updateSettings}) and {@code outcome}: {@code success}, {@code invalid}, {@code
 * not_found}, {@code conflict}, {@code access_denied}, {@code unknown_tenant}, {@code
 * storage_error} or {@code error} (see {@link OperationEvent.Outcome}). A timer counts too, so the
 * count per outcome comes with it. Refusals the core makes before any store call are counted like
 * everything else. It observes; it decides nothing.
 */
final class LedgerkitMetrics implements OperationListener {

  /** The timer's name. */
  static final String TIMER = "ledgerkit.operations";

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  LedgerkitMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void completed(OperationEvent event) {
    String outcome = event.outcome().name().toLowerCase(Locale.ROOT);
    timers.computeIfAbsent(event.operation() + ' ' + outcome, key -> Timer.builder(TIMER)
            .description("Operations of the Ledgerkit SDK")
            .tag("operation", event.operation())
            .tag("outcome", outcome)
            .register(registry))
        .record(event.duration());
  }
}
