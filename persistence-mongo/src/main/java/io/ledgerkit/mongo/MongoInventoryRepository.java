package io.ledgerkit.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static io.ledgerkit.mongo.MongoInventoryDocuments.ABORTED;
import static io.ledgerkit.mongo.MongoInventoryDocuments.ID;
import static io.ledgerkit.mongo.MongoInventoryDocuments.ITEM_ID;
import static io.ledgerkit.mongo.MongoInventoryDocuments.MOVEMENT_TIMESTAMP;
import static io.ledgerkit.mongo.MongoInventoryDocuments.MOVEMENT_TYPE;
import static io.ledgerkit.mongo.MongoInventoryDocuments.QUANTITY_DELTA;
import static io.ledgerkit.mongo.MongoInventoryDocuments.RESERVED_AT;
import static io.ledgerkit.mongo.MongoInventoryDocuments.RESERVED_FOR;
import static io.ledgerkit.mongo.MongoInventoryDocuments.SEQ;
import static io.ledgerkit.mongo.MongoInventoryDocuments.SOURCE_ITEM;
import static io.ledgerkit.mongo.MongoInventoryDocuments.SOURCE_TENANT;
import static io.ledgerkit.mongo.MongoInventoryDocuments.STOCK_AFTER;
import static io.ledgerkit.mongo.MongoInventoryDocuments.TENANT;
import static io.ledgerkit.mongo.MongoInventoryDocuments.TRANSFER_ID;
import static io.ledgerkit.mongo.MongoInventoryDocuments.USER_ID;
import static io.ledgerkit.mongo.MongoInventoryDocuments.date;
import static io.ledgerkit.mongo.MongoInventoryDocuments.reservationSeq;

import com.mongodb.client.ClientSession;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.inventory.InventoryRepository;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * Movements in one collection, as one chain per tenant and item, without multi-document
 * transactions: every movement document carries its place in the chain ({@code seq}, unique per
 * tenant and item) and the stock once it counted ({@code stockAfter}). Recording a movement reads
 * the chain's head and inserts the next link; that single insert is the stock change, so there is
 * nothing to half-finish. Two writers that read the same head race for the same {@code seq}: the
 * unique index lets one win and the other reads the new head and tries again, so no check of the
 * stock is ever overtaken by another write. The item's stock is the head's {@code stockAfter}, one
 * index seek.
 *
 * <p>A transfer writes three documents, each decided by a unique key: it reserves the destination
 * leg (a document that is not yet a movement), appends the source leg to the source chain (the
 * commit point), and commits the reservation into the destination chain. Recovery finishes a
 * reservation whose source leg exists, and gives up one whose source leg does not by inserting a
 * marker under the source leg's id, so that the source leg can never follow; whichever of the two
 * inserts takes that id first decides, so a transfer ends with both legs or neither.
 */
final class MongoInventoryRepository implements InventoryRepository {

  /**
   * Told before the first write of a call ({@link Write#NONE}) and after each write, for tests that
   * stop the process there. Null in production.
   */
  interface AfterWrite {
    /** @param write the write just made, or {@link Write#NONE} before any */
    void after(Write write);
  }

  /** The writes of a call, in the order a transfer makes them. */
  enum Write {
    /** Nothing written yet. */
    NONE,
    /** A transfer's destination leg was reserved. */
    RESERVE,
    /** A movement (or a transfer's source leg) was appended to its chain: it counts. */
    APPEND,
    /** A reservation was committed into its chain (or found committed). */
    COMMIT,
    /** A reservation was deleted (or found gone): its transfer wrote nothing that counts. */
    RELEASE,
    /** Recovery wrote the marker that aborts a transfer whose source leg was never written. */
    MARK
  }

  /** Index names, fixed so that creating them again is a no-op. */
  static final String SEQ_INDEX = "ledgerkit_tenant_item_seq";
  static final String TIMESTAMP_INDEX = "ledgerkit_tenant_item_timestamp";
  static final String TIME_INDEX = "ledgerkit_tenant_movement_time";
  static final String USER_INDEX = "ledgerkit_tenant_movement_user";
  static final String TYPE_INDEX = "ledgerkit_tenant_movement_type";
  static final String RESERVED_INDEX = "ledgerkit_movement_reserved";

  /** How often a write that lost the race for its place in a chain tries again. */
  static final int MAX_ATTEMPTS = 1_000;
  private static final long FIRST_BACKOFF_NANOS = 20_000;
  private static final long MAX_BACKOFF_NANOS = 5_000_000;
  private static final String ENTITY = "movement";

  private final MongoCollection<Document> movements;
  private final Duration recoveryAge;
  private final Clock clock;
  /** The host's session every call runs in, or null for none. */
  private final @Nullable ClientSession session;
  /** For tests only; null in production. */
  volatile @Nullable AfterWrite afterWrite;

  MongoInventoryRepository(MongoCollection<Document> movements, Duration recoveryAge) {
    this(movements, recoveryAge, Clock.systemUTC(), null);
  }

  private MongoInventoryRepository(MongoCollection<Document> movements, Duration recoveryAge,
      Clock clock, @Nullable ClientSession session) {
    this.movements = movements;
    this.recoveryAge = recoveryAge;
    this.clock = clock;
    this.session = session;
  }

  /**
   * @param session the host's session
   * @return this repository on the same collection, every call in that session
   */
  MongoInventoryRepository inSession(ClientSession session) {
    return new MongoInventoryRepository(movements, recoveryAge, clock, session);
  }

  /** Creates the collection's indexes; createIndexes is a no-op for indexes that exist. */
  void createIndexes() {
    movements.createIndexes(List.of(
        new IndexModel(Indexes.ascending(TENANT, ITEM_ID, SEQ),
            new IndexOptions().name(SEQ_INDEX).unique(true)),
        // Unique per item, so it also gives an item's listing its order (see query()).
        new IndexModel(Indexes.ascending(TENANT, ITEM_ID, MOVEMENT_TIMESTAMP),
            new IndexOptions().name(TIMESTAMP_INDEX).unique(true)),
        new IndexModel(Indexes.compoundIndex(Indexes.ascending(TENANT),
            Indexes.descending(MOVEMENT_TIMESTAMP, ID)), new IndexOptions().name(TIME_INDEX)),
        new IndexModel(Indexes.compoundIndex(Indexes.ascending(TENANT, USER_ID),
            Indexes.descending(MOVEMENT_TIMESTAMP, ID)), new IndexOptions().name(USER_INDEX)),
        new IndexModel(Indexes.compoundIndex(Indexes.ascending(TENANT, MOVEMENT_TYPE),
            Indexes.descending(MOVEMENT_TIMESTAMP, ID)), new IndexOptions().name(TYPE_INDEX)),
        // The recovery scan looks across every tenant, so this one is not tenant-first.
        new IndexModel(Indexes.ascending(RESERVED_FOR),
            new IndexOptions().name(RESERVED_INDEX))));
  }

  @Override
  public OptionalLong record(Movement movement, boolean allowNegative) {
    InventoryRepository.requireStorable(movement);
    return MongoErrors.call("inventory record", () -> {
      written(Write.NONE);
      Head head = head(movement.tenant().value(), movement.itemId());
      Appended appended = append(movement, allowNegative, head, null);
      return switch (appended.outcome()) {
        case STORED -> OptionalLong.of(appended.stock());
        case INSUFFICIENT -> OptionalLong.empty();
        case TIMESTAMP_TAKEN -> throw InventoryRepository.duplicateTimestamp(movement);
        case ID_TAKEN -> throw new ConflictException(ENTITY, movement.tenant(), movement.id(),
            "the id is taken");
      };
    });
  }

  @Override
  public OptionalLong recordTransfer(Movement out, Movement in, boolean allowNegativeAtSource) {
    InventoryRepository.requireStorable(out);
    InventoryRepository.requireStorable(in);
    if (out.transferId() == null || !Objects.equals(out.transferId(), in.transferId())) {
      throw new IllegalArgumentException("the legs belong to different transfers");
    }
    if (out.tenant().equals(in.tenant()) && out.itemId().equals(in.itemId())) {
      throw new IllegalArgumentException("a transfer moves stock between two items");
    }
    return MongoErrors.call("inventory recordTransfer", () -> {
      written(Write.NONE);
      String source = out.tenant().value();
      // Read first so that a transfer the source cannot afford writes nothing at all.
      Head head = head(source, out.itemId());
      if (!allowNegativeAtSource && head.stock() + out.quantityDelta() < 0) {
        return OptionalLong.empty();
      }
      reserve(in, out);
      Appended appended;
      try {
        appended = append(out, allowNegativeAtSource, head, in.id().toString());
      } catch (ConflictException contended) {
        // Lost the race for the source chain too often: the source leg is not written.
        releaseAfterRefusal(in, true);
        throw contended;
      }
      switch (appended.outcome()) {
        case STORED -> {
          commitAfterDecision(in);
          return OptionalLong.of(appended.stock());
        }
        case INSUFFICIENT -> {
          releaseAfterRefusal(in, false);
          return OptionalLong.empty();
        }
        case TIMESTAMP_TAKEN -> {
          releaseAfterRefusal(in, true);
          throw InventoryRepository.duplicateTimestamp(out);
        }
        case ID_TAKEN -> {
          releaseAfterRefusal(in, true);
          throw new ConflictException(ENTITY, out.tenant(), out.id(), "the transfer was "
              + "interrupted (recovery gave it up, or the id is taken); nothing counted");
        }
        default -> throw new IllegalStateException(appended.outcome().name());
      }
    });
  }

  /** Step 1 of a transfer: the destination leg as a reservation, its timestamp taken. */
  private void reserve(Movement in, Movement out) {
    try {
      insert(MongoInventoryDocuments.reservation(in, out, clock.instant()));
    } catch (RuntimeException e) {
      if (!MongoErrors.isDuplicateKey(e)) {
        throw e;
      }
      if (taken(e, in) == Taken.TIMESTAMP) {
        throw InventoryRepository.duplicateTimestamp(in);
      }
      throw new ConflictException(ENTITY, in.tenant(), in.id(), "the id is taken", e);
    }
    written(Write.RESERVE);
  }

  /**
   * Appends a movement to its chain, reading the head again whenever another writer took the
   * place first.
   *
   * @param head the chain's head as last read
   * @param destinationLeg for a transfer's source leg, the id of its destination leg
   * @throws ConflictException if the place was lost {@link #MAX_ATTEMPTS} times, or once inside
   *     the host's transaction (which MongoDB then aborted); nothing written
   */
  private Appended append(Movement movement, boolean allowNegative, Head head,
      @Nullable String destinationLeg) {
    String tenant = movement.tenant().value();
    Head current = head;
    for (int attempt = 1; ; attempt++) {
      long stock = current.stock() + movement.quantityDelta();
      if (!allowNegative && stock < 0) {
        return new Appended(Outcome.INSUFFICIENT, current.stock());
      }
      Document document = MongoInventoryDocuments.toDocument(movement, current.seq() + 1, stock);
      if (destinationLeg != null) {
        document.append(MongoInventoryDocuments.DESTINATION_LEG, destinationLeg);
      }
      try {
        insert(document);
      } catch (RuntimeException e) {
        if (!MongoErrors.isDuplicateKey(e)) {
          throw e;
        }
        switch (taken(e, movement)) {
          case TIMESTAMP -> {
            return new Appended(Outcome.TIMESTAMP_TAKEN, current.stock());
          }
          case ID -> {
            return new Appended(Outcome.ID_TAKEN, current.stock());
          }
          default -> {
            contended(movement.tenant(), movement.itemId(), attempt, e);
            current = head(tenant, movement.itemId());
            continue;
          }
        }
      }
      written(Write.APPEND);
      return new Appended(Outcome.STORED, stock);
    }
  }

  /**
   * Step 3 of a transfer, right after its commit point: the transfer is decided by then, so should
   * this write fail, the call still reports the transfer as made, and recovery commits the
   * destination leg. Inside the host's transaction the failure has aborted the transaction, so it
   * is reported.
   */
  private void commitAfterDecision(Movement in) {
    try {
      commit(in.tenant().value(), in.itemId(), in.id().toString(), in.quantityDelta());
    } catch (RuntimeException e) {
      if (inTransaction()) {
        throw e;
      }
    }
  }

  /**
   * Commits a reservation into its chain as the next link; a no-op if it is committed already.
   * Only called once the transfer's source leg exists.
   */
  private void commit(String tenant, String itemId, String legId, long quantity) {
    Bson reserved = and(eq(ID, legId), eq(TENANT, tenant), eq(SEQ, reservationSeq(legId)));
    for (int attempt = 1; ; attempt++) {
      Head head = head(tenant, itemId);
      Bson update = Updates.combine(
          Updates.set(SEQ, head.seq() + 1),
          Updates.set(STOCK_AFTER, head.stock() + quantity),
          Updates.unset(RESERVED_FOR),
          Updates.unset(SOURCE_TENANT),
          Updates.unset(SOURCE_ITEM),
          Updates.unset(RESERVED_AT));
      try {
        // Matched 0: another caller (the writer or a recoverer) committed it first.
        updateOne(reserved, update);
      } catch (RuntimeException e) {
        if (!MongoErrors.isDuplicateKey(e)) {
          throw e;
        }
        contended(new TenantId(tenant), itemId, attempt, e);
        continue;
      }
      written(Write.COMMIT);
      return;
    }
  }

  /** Deletes a reservation whose transfer wrote nothing that counts; a no-op once it is gone. */
  private void release(String tenant, String legId) {
    deleteOne(and(eq(ID, legId), eq(TENANT, tenant), eq(SEQ, reservationSeq(legId))));
    written(Write.RELEASE);
  }

  /**
   * Releases the reservation of a transfer that is being refused; should that fail, the refusal
   * still stands and recovery releases it (the source leg was not written, and now never will
   * be). Inside the host's transaction a write error has aborted the transaction, and the
   * reservation goes with it; a refusal without an error must release it in the transaction.
   *
   * @param afterWriteError whether the refusal came from a failed write
   */
  private void releaseAfterRefusal(Movement in, boolean afterWriteError) {
    if (inTransaction()) {
      if (!afterWriteError) {
        release(in.tenant().value(), in.id().toString());
      }
      return;
    }
    try {
      release(in.tenant().value(), in.id().toString());
    } catch (RuntimeException e) {
      // Left for recovery, as after a crash.
    }
  }

  /**
   * Finishes every transfer whose destination leg has been reserved for at least the recovery age:
   * commits it where the source leg exists, else aborts the transfer (a marker under the source
   * leg's id, then the reservation released). Bound to a host's session, it does nothing: the SDK
   * runs it whenever a {@code Ledgerkit} is built, and one built per unit of work must neither scan
   * the store nor write into the host's transaction.
   */
  @Override
  public void recover() {
    if (session != null) {
      return;
    }
    MongoErrors.call("inventory recover", () -> {
      // No reservation is older than the epoch: an age reaching back beyond it waits forever.
      Instant cutoff = recoveryAge.compareTo(Duration.between(Instant.EPOCH, clock.instant())) >= 0
          ? Instant.EPOCH : clock.instant().minus(recoveryAge);
      Bson due = and(gte(RESERVED_FOR, ""), lte(RESERVED_AT, date(cutoff)));
      List<Document> reservations = movements.find(due)
          .projection(Projections.include(TENANT, ITEM_ID, QUANTITY_DELTA, TRANSFER_ID, SEQ,
              RESERVED_FOR, SOURCE_TENANT, SOURCE_ITEM))
          .into(new ArrayList<>());
      for (Document reservation : reservations) {
        try {
          finish(reservation);
        } catch (ConflictException contended) {
          // The destination chain is too busy right now; the next recovery finishes it.
        }
      }
      return null;
    });
  }

  /** Decides one reserved transfer: both legs, or neither. Idempotent, safe beside the writer. */
  private void finish(Document reservation) {
    String legId = reservation.getString(ID);
    String tenant = reservation.getString(TENANT);
    if (!reservationSeq(legId).equals(reservation.get(SEQ))) {
      return;
    }
    String sourceLegId = reservation.getString(RESERVED_FOR);
    String sourceTenant = reservation.getString(SOURCE_TENANT);
    String sourceItem = reservation.getString(SOURCE_ITEM);
    String transferId = reservation.getString(TRANSFER_ID);
    Bson sourceFields = Projections.include(TENANT, SEQ, TRANSFER_ID, ABORTED);
    Document source = find(and(eq(ID, sourceLegId), eq(TENANT, sourceTenant)))
        .projection(sourceFields).first();
    if (source == null) {
      boolean marked;
      try {
        insert(MongoInventoryDocuments.marker(sourceLegId, sourceTenant, sourceItem, transferId,
            clock.instant()));
        marked = true;
      } catch (RuntimeException e) {
        if (!MongoErrors.isDuplicateKey(e)) {
          throw e;
        }
        marked = false;
      }
      if (marked) {
        written(Write.MARK);
        release(tenant, legId);
        return;
      }
      // The id was taken meanwhile: by the writer's source leg, or by another recoverer's marker.
      source = find(eq(ID, sourceLegId)).projection(sourceFields).first();
      if (source == null) {
        // Not readable although taken: left reserved for a later recovery to decide.
        return;
      }
    }
    if (isSourceLegOf(source, sourceTenant, transferId)) {
      commit(tenant, reservation.getString(ITEM_ID), legId,
          reservation.get(QUANTITY_DELTA, Number.class).longValue());
    } else {
      release(tenant, legId);
    }
  }

  /** Whether a stored document is the committed source leg of that transfer, not a marker. */
  private static boolean isSourceLegOf(Document source, String sourceTenant,
      @Nullable String transferId) {
    return source.get(SEQ) instanceof Number
        && !Boolean.TRUE.equals(source.get(ABORTED))
        && sourceTenant.equals(source.get(TENANT))
        && Objects.equals(transferId, source.getString(TRANSFER_ID));
  }

  @Override
  public Optional<Movement> findById(TenantId tenant, UUID id) {
    InventoryRepository.requireStorable(tenant, null);
    return MongoErrors.call("inventory findById", () -> Optional.ofNullable(
        find(and(eq(ID, id.toString()), eq(TENANT, tenant.value()), gte(SEQ, 0))).first())
        .map(MongoInventoryDocuments::movementOf));
  }

  @Override
  public Page<Movement> find(TenantId tenant, MovementFilter filter, PageRequest page) {
    InventoryRepository.requireStorable(tenant, filter);
    return MongoErrors.call("inventory find", () -> {
      Bson query = query(tenant, filter);
      long total = session == null
          ? movements.countDocuments(query)
          : movements.countDocuments(session, query);
      List<Movement> items = new ArrayList<>(Math.min(page.limit(), 64));
      if (total > page.offset()) {
        // An item's movements have distinct timestamps (a unique index), so for one item the
        // timestamp alone gives the full order, and the unique index serves it.
        Bson order = filter.itemId() != null
            ? Sorts.descending(MOVEMENT_TIMESTAMP)
            : Sorts.descending(MOVEMENT_TIMESTAMP, ID);
        find(query).sort(order).skip(page.offset()).limit(page.limit())
            .forEach(document -> items.add(MongoInventoryDocuments.movementOf(document)));
      }
      return new Page<>(items, total, page.offset(), page.limit());
    });
  }

  /**
   * Every value is an equality or range literal, never a query fragment; a numeric {@code seq}
   * leaves out reservations and markers.
   */
  static Bson query(TenantId tenant, MovementFilter filter) {
    List<Bson> criteria = new ArrayList<>();
    criteria.add(eq(TENANT, tenant.value()));
    if (filter.itemId() != null) {
      criteria.add(eq(ITEM_ID, filter.itemId()));
    }
    if (filter.type() != null) {
      criteria.add(eq(MOVEMENT_TYPE, filter.type().apiName()));
    }
    if (filter.userId() != null) {
      criteria.add(eq(USER_ID, filter.userId()));
    }
    if (filter.from() != null) {
      criteria.add(gte(MOVEMENT_TIMESTAMP, date(filter.from())));
    }
    if (filter.to() != null) {
      criteria.add(lt(MOVEMENT_TIMESTAMP, date(filter.to())));
    }
    criteria.add(gte(SEQ, 0));
    return and(criteria);
  }

  @Override
  public long stockOf(TenantId tenant, String itemId) {
    InventoryRepository.requireStorable(tenant, MovementFilter.all().withItemId(itemId));
    return MongoErrors.call("inventory stockOf", () -> head(tenant.value(), itemId).stock());
  }

  /**
   * One aggregation: the items' links sorted by item and {@code seq} descending, grouped by item
   * keeping the first {@code stockAfter}. MongoDB can answer this {@code $sort}, {@code $group}
   * with {@code $first} with a distinct scan of the chain index, one seek per item.
   */
  @Override
  public Map<String, Long> stockOf(TenantId tenant, Collection<String> itemIds) {
    for (String itemId : itemIds) {
      InventoryRepository.requireStorable(tenant, MovementFilter.all().withItemId(itemId));
    }
    return MongoErrors.call("inventory stockOf", () -> {
      Map<String, Long> stock = new LinkedHashMap<>();
      if (itemIds.isEmpty()) {
        return stock;
      }
      List<Bson> pipeline = List.of(
          Aggregates.match(and(eq(TENANT, tenant.value()), in(ITEM_ID, itemIds), gte(SEQ, 0))),
          Aggregates.sort(Sorts.descending(ITEM_ID, SEQ)),
          Aggregates.group("$" + ITEM_ID, Accumulators.first(STOCK_AFTER, "$" + STOCK_AFTER)));
      Map<String, Long> heads = new LinkedHashMap<>();
      (session == null ? movements.aggregate(pipeline) : movements.aggregate(session, pipeline))
          .forEach(group -> {
            if (group.get(ID) instanceof String item && group.get(STOCK_AFTER) instanceof Number n) {
              heads.put(item, n.longValue());
            }
          });
      for (String itemId : itemIds) {
        Long head = heads.get(itemId);
        // A head seen without its stock was being committed as the aggregation read it (the test
        // server's aggregation reads documents outside its lock): read that one on its own.
        stock.put(itemId, head != null ? head : head(tenant.value(), itemId).stock());
      }
      return stock;
    });
  }

  /**
   * The chain's head: the link with the highest numeric {@code seq}, or an empty chain. Projected,
   * so that the server copies the fields in one step.
   */
  private Head head(String tenant, String itemId) {
    Document link = find(and(eq(TENANT, tenant), eq(ITEM_ID, itemId), gte(SEQ, 0)))
        .projection(Projections.include(SEQ, STOCK_AFTER, RESERVED_FOR))
        .sort(Sorts.descending(SEQ)).limit(1).first();
    if (link == null) {
      return Head.EMPTY;
    }
    if (!(link.get(SEQ) instanceof Number seq) || !(link.get(STOCK_AFTER) instanceof Number stock)
        || link.containsKey(RESERVED_FOR)) {
      throw new IllegalStateException("the head of an item's chain is incomplete");
    }
    return new Head(seq.longValue(), stock.longValue());
  }

  /**
   * Another writer took the place in the chain: wait a little, at random so that the losers do not
   * meet again, and let the caller read the new head. Every round has a winner, so the chain
   * always moves on.
   *
   * @throws ConflictException after {@link #MAX_ATTEMPTS} rounds, or at once inside the host's
   *     transaction (MongoDB aborted it; the host retries the whole unit)
   */
  private void contended(TenantId tenant, String itemId, int attempt, RuntimeException e) {
    if (inTransaction() || attempt >= MAX_ATTEMPTS) {
      throw new ConflictException("stock", tenant, itemId, "the item's stock changed "
          + "concurrently " + attempt + " times in a row; nothing written", e);
    }
    long bound = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(attempt, 16));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, bound + 1));
  }

  /**
   * Which unique key a failed write met: both MongoDB and mongo-java-server name the index in the
   * message (pinned by {@code MongoJavaServerBehaviourTest}); only the name is read. Where the
   * message names none, the stored documents tell.
   */
  private Taken taken(RuntimeException duplicate, Movement movement) {
    String message = String.valueOf(duplicate.getMessage());
    if (message.contains(" index: " + TIMESTAMP_INDEX + " ")) {
      return Taken.TIMESTAMP;
    }
    if (message.contains(" index: " + SEQ_INDEX + " ")) {
      return Taken.SEQ;
    }
    if (message.contains(" index: _id_ ")) {
      return Taken.ID;
    }
    if (find(eq(ID, movement.id().toString())).projection(Projections.include(ID)).first()
        != null) {
      return Taken.ID;
    }
    return find(and(eq(TENANT, movement.tenant().value()), eq(ITEM_ID, movement.itemId()),
        eq(MOVEMENT_TIMESTAMP, date(movement.timestamp())))).projection(Projections.include(ID))
        .first() != null ? Taken.TIMESTAMP : Taken.SEQ;
  }

  private boolean inTransaction() {
    return session != null && session.hasActiveTransaction();
  }

  private void insert(Document document) {
    if (session == null) {
      movements.insertOne(document);
    } else {
      movements.insertOne(session, document);
    }
  }

  private void updateOne(Bson filter, Bson update) {
    if (session == null) {
      movements.updateOne(filter, update);
    } else {
      movements.updateOne(session, filter, update);
    }
  }

  private void deleteOne(Bson filter) {
    if (session == null) {
      movements.deleteOne(filter);
    } else {
      movements.deleteOne(session, filter);
    }
  }

  private FindIterable<Document> find(Bson filter) {
    return session == null ? movements.find(filter) : movements.find(session, filter);
  }

  private void written(Write write) {
    AfterWrite hook = afterWrite;
    if (hook != null) {
      hook.after(write);
    }
  }

  /** A chain's head: its highest {@code seq} (0 for none) and the stock after it. */
  private record Head(long seq, long stock) {
    static final Head EMPTY = new Head(0, 0);
  }

  /** What an append ended with. */
  private enum Outcome { STORED, INSUFFICIENT, TIMESTAMP_TAKEN, ID_TAKEN }

  /** An append's outcome and the stock it left (or found, when it wrote nothing). */
  private record Appended(Outcome outcome, long stock) {}

  /** The unique key a write met. */
  private enum Taken { ID, SEQ, TIMESTAMP }
}
