package io.ledgerkit.benchmarks;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.RecordedMovement;
import io.ledgerkit.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A sale on MongoDB (an in-process mongo-java-server): the SDK's {@code inventory().record} of one
 * unit against the driver calls a host would write for the same chained insert, on the SDK's
 * movement collection and document shape: read the item's head (highest numeric {@code seq} and
 * its {@code stockAfter}), refuse a sale below zero, insert the next link with {@code seq + 1} and
 * the new {@code stockAfter}, and read the head again if another writer took that place. The
 * baseline trusts its input and skips the tenant's settings, which the SDK reads before each
 * movement.
 *
 * <p>Each trial restocks {@link #items} items through the SDK (the same ones in every trial), then
 * sells one unit of them in turn, each sale a millisecond after the previous one, since an item
 * holds one movement per millisecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MongoInventoryBenchmark {

  /** Units each item starts with: more than any trial sells. */
  private static final long STOCK = 1_000_000_000L;
  /** How many attempts the baseline makes at one place in the chain before it gives up. */
  private static final int MAX_ATTEMPTS = 100;

  /** How many items the store sells, in turn. */
  @Param("100")
  public int items;

  private MongoFixture fixture;
  private MongoCollection<Document> movements;
  private TenantId tenant;
  private String[] itemIds;
  private Instant start;
  private AtomicLong next;

  /** Starts the server and the SDK and restocks the items. */
  @Setup
  public void open() {
    fixture = new MongoFixture();
    movements = fixture.movements();
    tenant = TenantId.of(fixture.tenant());
    // In the past, so that no sale of a trial is refused as lying in the future.
    start = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MILLIS);
    itemIds = new String[items];
    for (int i = 0; i < items; i++) {
      itemIds[i] = "sku-" + i;
      fixture.ledgerkit().inventory().record(fixture.caller(),
          MovementDraft.of(itemIds[i], MovementType.RESTOCK, STOCK).at(start.minusMillis(1)));
    }
    next = new AtomicLong();
  }

  /** Stops what {@link #open()} started. */
  @TearDown
  public void close() {
    fixture.close();
  }

  /** @return the SDK's result */
  @Benchmark
  public RecordedMovement saleSdk() {
    long n = next.getAndIncrement();
    return fixture.ledgerkit().inventory().record(fixture.caller(),
        MovementDraft.of(item(n), MovementType.SALE, -1).at(start.plusMillis(n)));
  }

  /** @return the baseline's result */
  @Benchmark
  public RecordedMovement saleBaseline() {
    long n = next.getAndIncrement();
    Movement sale = new Movement(UUID.randomUUID(), tenant, item(n), -1, MovementType.SALE,
        start.plusMillis(n), fixture.caller().userId(), null, null, null,
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return new RecordedMovement(sale, append(movements, sale));
  }

  private String item(long n) {
    return itemIds[(int) (n % items)];
  }

  /**
   * The hand-written chained insert.
   *
   * @return the item's stock after the movement
   */
  private static long append(MongoCollection<Document> movements, Movement movement) {
    Bson chain = and(eq("tenantId", movement.tenant().value()), eq("itemId", movement.itemId()),
        gte("seq", 0));
    for (int attempt = 1; ; attempt++) {
      Document head = movements.find(chain).projection(Projections.include("seq", "stockAfter"))
          .sort(Sorts.descending("seq")).limit(1).first();
      long seq = head == null ? 0 : head.get("seq", Number.class).longValue();
      long stock = head == null ? 0 : head.get("stockAfter", Number.class).longValue();
      long after = stock + movement.quantityDelta();
      if (after < 0) {
        throw new IllegalStateException("the item is sold out");
      }
      Document link = new Document("_id", movement.id().toString())
          .append("tenantId", movement.tenant().value())
          .append("itemId", movement.itemId())
          .append("quantityDelta", movement.quantityDelta())
          .append("movementType", movement.type().apiName())
          .append("movementTypeIdx", movement.type().index())
          .append("movementTimestamp", Date.from(movement.timestamp()))
          .append("userId", movement.userId())
          .append("recordedAt", Date.from(movement.recordedAt()))
          .append("seq", seq + 1)
          .append("stockAfter", after);
      try {
        movements.insertOne(link);
        return after;
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
