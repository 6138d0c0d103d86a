package io.ledgerkit.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;
import static io.ledgerkit.mongo.MongoFeeDocuments.ACTIVE;
import static io.ledgerkit.mongo.MongoFeeDocuments.AMOUNT;
import static io.ledgerkit.mongo.MongoFeeDocuments.CREATED_AT;
import static io.ledgerkit.mongo.MongoFeeDocuments.EVENT_ID;
import static io.ledgerkit.mongo.MongoFeeDocuments.FEE_ID;
import static io.ledgerkit.mongo.MongoFeeDocuments.FEE_VERSION;
import static io.ledgerkit.mongo.MongoFeeDocuments.ID;
import static io.ledgerkit.mongo.MongoFeeDocuments.LOAN_ID;
import static io.ledgerkit.mongo.MongoFeeDocuments.LOAN_KEY;
import static io.ledgerkit.mongo.MongoFeeDocuments.LOAN_KEY_PREFIX;
import static io.ledgerkit.mongo.MongoFeeDocuments.NOTE;
import static io.ledgerkit.mongo.MongoFeeDocuments.PAYMENT_ATTEMPTS;
import static io.ledgerkit.mongo.MongoFeeDocuments.PAYMENT_REFERENCE;
import static io.ledgerkit.mongo.MongoFeeDocuments.PENDING;
import static io.ledgerkit.mongo.MongoFeeDocuments.REASON;
import static io.ledgerkit.mongo.MongoFeeDocuments.REASON_IDX;
import static io.ledgerkit.mongo.MongoFeeDocuments.SOURCE;
import static io.ledgerkit.mongo.MongoFeeDocuments.STATUS;
import static io.ledgerkit.mongo.MongoFeeDocuments.STATUS_IDX;
import static io.ledgerkit.mongo.MongoFeeDocuments.STATUS_UPDATE_DATE;
import static io.ledgerkit.mongo.MongoFeeDocuments.TENANT;
import static io.ledgerkit.mongo.MongoFeeDocuments.UPDATED_AT;
import static io.ledgerkit.mongo.MongoFeeDocuments.USER_ID;
import static io.ledgerkit.mongo.MongoFeeDocuments.VERSION;
import static io.ledgerkit.mongo.MongoFeeDocuments.date;
import static io.ledgerkit.mongo.MongoFeeDocuments.eventOf;
import static io.ledgerkit.mongo.MongoFeeDocuments.feeOf;
import static io.ledgerkit.mongo.MongoFeeDocuments.toDocument;

import com.mongodb.client.ClientSession;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.fee.FeeTransition;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.internal.TextPolicy;
import io.ledgerkit.tenant.TenantId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;

/**
 * Fees in one collection, their events in another, without multi-document transactions: the fee
 * document is the commit point. The single-document write that decides a change (the insert of a
 * new fee, the version-conditional update of a transition) also pushes the change's event into the
 * fee's {@code pendingEvents}; the event is then copied into the event collection under its own id
 * (a repeated copy is a duplicate key, a no-op) and pulled from {@code pendingEvents}. Whatever a
 * crash leaves pending is finished by {@link #recover} and, for one fee, before its events are
 * read. So a change exists exactly when its event does, and no copy is ever doubled.
 *
 * <p>Processed provider notifications are one document each in a third collection, whose unique
 * index on {@code (tenantId, source, eventId)} makes recording one a single insert that either
 * wins or meets the earlier record.
 */
final class MongoFeeRepository implements FeeRepository {

  /** How often {@link #events} reads a log again that a concurrent copy left with a gap. */
  private static final int MAX_LOG_PASSES = 8;

  /**
   * Told after each write of a sequence, for tests that stop the process there: {@link
   * #BEFORE_WRITES} before the first, then {@link #COMMIT_WRITE}, {@link #COPY_WRITE} and {@link
   * #PULL_WRITE}. Null in production.
   */
  interface AfterWrite {
    /** @param write how many writes of the sequence were made: 0 to 3 */
    void after(int write);
  }

  /** Nothing written yet. */
  static final int BEFORE_WRITES = 0;
  /** The fee document was inserted or updated with its pending event: the change is decided. */
  static final int COMMIT_WRITE = 1;
  /** The pending event was copied into the event collection (or found there). */
  static final int COPY_WRITE = 2;
  /** The pending event was pulled from the fee document. */
  static final int PULL_WRITE = 3;

  /** Index names, fixed so that creating them again is a no-op. */
  static final String LOAN_INDEX = "ledgerkit_tenant_fee_loan";
  static final String CREATED_INDEX = "ledgerkit_tenant_fee_created";
  static final String USER_INDEX = "ledgerkit_tenant_fee_user";
  static final String STATUS_INDEX = "ledgerkit_tenant_fee_status";
  static final String PENDING_INDEX = "ledgerkit_fee_pending";
  static final String EVENT_VERSION_INDEX = "ledgerkit_tenant_fee_event_version";
  static final String PROCESSED_EVENT_INDEX = "ledgerkit_tenant_processed_event";

  /**
   * Amounts are below 10^15 with at most 4 decimals (the core's rules, the most decimals of an ISO
   * 4217 currency): a filter bound beyond that is moved to this range without changing which
   * amounts it admits, so that every bound fits a Decimal128 exactly.
   */
  private static final BigDecimal BOUND_LIMIT = new BigDecimal("1E16");
  private static final int BOUND_SCALE = 6;
  private static final String ENTITY = "fee";

  private final MongoCollection<Document> fees;
  private final MongoCollection<Document> events;
  private final MongoCollection<Document> processedEvents;
  /** The host's session every call runs in, or null for none. */
  private final @Nullable ClientSession session;
  /** For tests only; null in production. */
  volatile @Nullable AfterWrite afterWrite;

  MongoFeeRepository(MongoCollection<Document> fees, MongoCollection<Document> events,
      MongoCollection<Document> processedEvents) {
    this(fees, events, processedEvents, null);
  }

  private MongoFeeRepository(MongoCollection<Document> fees, MongoCollection<Document> events,
      MongoCollection<Document> processedEvents, @Nullable ClientSession session) {
    this.fees = fees;
    this.events = events;
    this.processedEvents = processedEvents;
    this.session = session;
  }

  /**
   * @param session the host's session
   * @return this repository on the same collections, every call in that session
   */
  MongoFeeRepository inSession(ClientSession session) {
    return new MongoFeeRepository(fees, events, processedEvents, session);
  }

  /**
   * Creates the three collections' indexes (and so the collections, which a transaction on MongoDB
   * before 4.4 could not create); createIndexes is a no-op for indexes that exist.
   */
  void createIndexes() {
    fees.createIndexes(List.of(
        new IndexModel(Indexes.ascending(TENANT, USER_ID, LOAN_KEY),
            new IndexOptions().name(LOAN_INDEX).unique(true)),
        new IndexModel(Indexes.compoundIndex(Indexes.ascending(TENANT),
            Indexes.descending(CREATED_AT, ID)), new IndexOptions().name(CREATED_INDEX)),
        new IndexModel(Indexes.compoundIndex(Indexes.ascending(TENANT, USER_ID),
            Indexes.descending(CREATED_AT, ID)), new IndexOptions().name(USER_INDEX)),
        new IndexModel(Indexes.compoundIndex(Indexes.ascending(TENANT, STATUS),
            Indexes.descending(CREATED_AT, ID)), new IndexOptions().name(STATUS_INDEX)),
        // The recovery scan looks across every tenant, so this one is not tenant-first.
        new IndexModel(Indexes.ascending(PENDING + "." + ID),
            new IndexOptions().name(PENDING_INDEX))));
    events.createIndexes(List.of(
        new IndexModel(Indexes.ascending(TENANT, FEE_ID, FEE_VERSION),
            new IndexOptions().name(EVENT_VERSION_INDEX).unique(true))));
    processedEvents.createIndexes(List.of(
        new IndexModel(Indexes.ascending(TENANT, SOURCE, EVENT_ID),
            new IndexOptions().name(PROCESSED_EVENT_INDEX).unique(true))));
  }

  @Override
  public boolean insert(Fee fee, FeeEvent assessed) {
    FeeRepository.requireStorable(fee);
    FeeRepository.requireStorable(assessed);
    if (!assessed.feeId().equals(fee.id()) || !assessed.tenant().equals(fee.tenant())) {
      throw new IllegalArgumentException("the event belongs to another fee");
    }
    return MongoErrors.call("fee insert", () -> {
      Document event = toDocument(assessed);
      Document document = toDocument(fee).append(PENDING, List.of(event));
      written(BEFORE_WRITES);
      try {
        if (session == null) {
          fees.insertOne(document);
        } else {
          fees.insertOne(session, document);
        }
      } catch (RuntimeException e) {
        if (!MongoErrors.isDuplicateKey(e)) {
          throw e;
        }
        if (loanTaken(e, fee)) {
          return false;
        }
        throw new ConflictException(ENTITY, fee.tenant(), fee.id(), "the id is taken", e);
      }
      written(COMMIT_WRITE);
      finishAfterCommit(fee.tenant(), fee.id(), event);
      return true;
    });
  }

  /**
   * Which unique key a failed insert met: both MongoDB and mongo-java-server name the index in the
   * message (pinned by {@code MongoJavaServerBehaviourTest}); only the name is read. Where the
   * message names neither, the stored id tells.
   */
  private boolean loanTaken(RuntimeException duplicate, Fee fee) {
    String message = String.valueOf(duplicate.getMessage());
    if (message.contains(" index: " + LOAN_INDEX + " ")) {
      return true;
    }
    if (message.contains(" index: _id_ ")) {
      return false;
    }
    return find(fees, eq(ID, fee.id().toString())).projection(Projections.include(ID))
        .first() == null;
  }

  @Override
  public Optional<Fee> findById(TenantId tenant, UUID id) {
    requireStorable(tenant);
    return MongoErrors.call("fee findById", () -> Optional.ofNullable(
        findFees(byId(tenant, id)).first()).map(MongoFeeDocuments::feeOf));
  }

  @Override
  public Optional<Fee> findByLoan(TenantId tenant, String userId, String loanId) {
    requireStorable(tenant);
    FeeRepository.requireStorable(tenant, FeeFilter.all().withUserId(userId).withLoanId(loanId));
    // The loan key uses the unique index; loanId keeps the match a fee of that loan.
    Bson filter = and(eq(TENANT, tenant.value()), eq(USER_ID, userId),
        eq(LOAN_KEY, LOAN_KEY_PREFIX + loanId), eq(LOAN_ID, loanId));
    return MongoErrors.call("fee findByLoan", () -> Optional.ofNullable(
        findFees(filter).first()).map(MongoFeeDocuments::feeOf));
  }

  @Override
  public Page<Fee> find(TenantId tenant, FeeFilter filter, PageRequest page) {
    FeeRepository.requireStorable(tenant, filter);
    return MongoErrors.call("fee find", () -> {
      Bson query = query(tenant, filter);
      long total = session == null ? fees.countDocuments(query) : fees.countDocuments(session, query);
      List<Fee> items = new ArrayList<>(Math.min(page.limit(), 64));
      if (total > page.offset()) {
        findFees(query).sort(Sorts.descending(CREATED_AT, ID)).skip(page.offset())
            .limit(page.limit()).forEach(document -> items.add(feeOf(document)));
      }
      return new Page<>(items, total, page.offset(), page.limit());
    });
  }

  /** Every value is an equality or range literal, never a query fragment. */
  static Bson query(TenantId tenant, FeeFilter filter) {
    List<Bson> criteria = new ArrayList<>();
    criteria.add(eq(TENANT, tenant.value()));
    if (!filter.includeInactive()) {
      criteria.add(eq(ACTIVE, true));
    }
    if (filter.userId() != null) {
      criteria.add(eq(USER_ID, filter.userId()));
    }
    if (filter.loanId() != null) {
      criteria.add(eq(LOAN_ID, filter.loanId()));
    }
    if (filter.minAmount() != null) {
      criteria.add(gte(AMOUNT, bound(filter.minAmount(), RoundingMode.CEILING)));
    }
    if (filter.maxAmount() != null) {
      criteria.add(lte(AMOUNT, bound(filter.maxAmount(), RoundingMode.FLOOR)));
    }
    if (filter.status() != null) {
      criteria.add(eq(STATUS, filter.status().apiName()));
    }
    if (filter.reason() != null) {
      criteria.add(eq(REASON, filter.reason().apiName()));
    }
    return and(criteria);
  }

  /**
   * A filter bound as a Decimal128: exact where it fits one; otherwise moved (towards the inside
   * of the range) to one that admits the same stored amounts, which are below 10^15 with at most 4
   * decimals. A bound of 35 digits or of 10^400 would else fail to convert.
   */
  static Decimal128 bound(BigDecimal value, RoundingMode inward) {
    try {
      return new Decimal128(value);
    } catch (NumberFormatException inexact) {
      BigDecimal clamped = value.compareTo(BOUND_LIMIT) > 0 ? BOUND_LIMIT : value;
      return new Decimal128(clamped.setScale(BOUND_SCALE, inward));
    }
  }

  @Override
  public boolean applyTransition(FeeTransition transition) {
    Fee next = transition.next();
    FeeRepository.requireStorable(next);
    FeeRepository.requireStorable(transition.event());
    return MongoErrors.call("fee applyTransition", () -> {
      Document event = toDocument(transition.event());
      Bson filter = and(byId(next.tenant(), next.id()), eq(VERSION, transition.expectedVersion()));
      Bson update = transitionUpdate(next, event);
      written(BEFORE_WRITES);
      long matched;
      try {
        matched = (session == null
            ? fees.updateOne(filter, update)
            : fees.updateOne(session, filter, update)).getMatchedCount();
      } catch (RuntimeException e) {
        if (MongoErrors.isDuplicateKey(e)) {
          // No unique key changes in a transition; mapped as every duplicate key is.
          throw new ConflictException(ENTITY, next.tenant(), next.id(), "a unique key is taken", e);
        }
        throw e;
      }
      if (matched == 0) {
        return false;
      }
      written(COMMIT_WRITE);
      finishAfterCommit(next.tenant(), next.id(), event);
      return true;
    });
  }

  /**
   * Sets what may change and pushes the event; the owner, loan, currency and creation time are
   * never written after the insert.
   */
  private static Bson transitionUpdate(Fee next, Document event) {
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.set(AMOUNT, new Decimal128(next.amount())));
    changes.add(Updates.set(STATUS, next.status().apiName()));
    changes.add(Updates.set(STATUS_IDX, next.status().index()));
    changes.add(Updates.set(STATUS_UPDATE_DATE, date(next.statusUpdateDate())));
    changes.add(Updates.set(REASON, next.reason().apiName()));
    changes.add(Updates.set(REASON_IDX, next.reason().index()));
    changes.add(next.note() == null ? Updates.unset(NOTE) : Updates.set(NOTE, next.note()));
    changes.add(Updates.set(PAYMENT_ATTEMPTS, next.paymentAttempts()));
    changes.add(next.paymentReference() == null
        ? Updates.unset(PAYMENT_REFERENCE)
        : Updates.set(PAYMENT_REFERENCE, next.paymentReference()));
    changes.add(Updates.set(ACTIVE, next.active()));
    changes.add(Updates.set(UPDATED_AT, date(next.updatedAt())));
    changes.add(Updates.set(VERSION, next.version()));
    changes.add(Updates.push(PENDING, event));
    return Updates.combine(changes);
  }

  @Override
  public List<FeeEvent> events(TenantId tenant, UUID feeId) {
    requireStorable(tenant);
    return MongoErrors.call("fee events", () -> {
      List<FeeEvent> log = List.of();
      // Writers copy their events concurrently and in any order: a log read while one copy is
      // still on its way may lack a version the fee already has. Read until it is whole.
      for (int pass = 0; pass < MAX_LOG_PASSES; pass++) {
        Document fee = find(fees, byId(tenant, feeId))
            .projection(Projections.include(PENDING, MongoFeeDocuments.VERSION)).first();
        if (fee != null) {
          for (Document pending : pendingOf(fee)) {
            finish(tenant.value(), feeId.toString(), pending);
          }
        }
        List<FeeEvent> read = new ArrayList<>();
        find(events, and(eq(TENANT, tenant.value()), eq(FEE_ID, feeId.toString())))
            .sort(Sorts.ascending(FEE_VERSION))
            .forEach(document -> read.add(eventOf(document)));
        log = read;
        long version = fee == null ? 0 : ((Number) fee.get(MongoFeeDocuments.VERSION)).longValue();
        if (isWhole(log, version)) {
          return log;
        }
      }
      return log;
    });
  }

  /** Whether the log holds versions 1, 2, ... without a gap, up to at least {@code version}. */
  private static boolean isWhole(List<FeeEvent> log, long version) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).feeVersion() != i + 1) {
        return false;
      }
    }
    return log.size() >= version;
  }

  /**
   * One insert; the unique index decides between concurrent deliveries. Inside the host's
   * transaction a duplicate has aborted that transaction (MongoDB aborts on any error), so the
   * host's commit fails.
   */
  @Override
  public boolean recordProcessedEvent(ProcessedEvent event) {
    FeeRepository.requireStorable(event);
    return MongoErrors.call("fee recordProcessedEvent", () -> {
      Document document = MongoFeeDocuments.toDocument(event);
      try {
        if (session == null) {
          processedEvents.insertOne(document);
        } else {
          processedEvents.insertOne(session, document);
        }
        return true;
      } catch (RuntimeException e) {
        if (MongoErrors.isDuplicateKey(e) && recordedBefore(e, event)) {
          return false;
        }
        throw e;
      }
    });
  }

  /**
   * Whether a duplicate key met the notification's own key, as the index name in the message says
   * (as for {@link #loanTaken}); where the message names no index, a record under that key tells.
   * The {@code _id} is the driver's fresh ObjectId, so meeting that would be no earlier record.
   */
  private boolean recordedBefore(RuntimeException duplicate, ProcessedEvent event) {
    String message = String.valueOf(duplicate.getMessage());
    if (message.contains(" index: " + PROCESSED_EVENT_INDEX + " ")) {
      return true;
    }
    if (message.contains(" index: _id_ ")) {
      return false;
    }
    return findProcessed(event.tenant(), event.source(), event.eventId()) != null;
  }

  @Override
  public Optional<ProcessedEvent> findProcessedEvent(TenantId tenant, String source,
      String eventId) {
    requireStorable(tenant);
    TextPolicy.requireStorable("source", source);
    TextPolicy.requireStorable("eventId", eventId);
    return MongoErrors.call("fee findProcessedEvent", () -> Optional.ofNullable(
        findProcessed(tenant, source, eventId)).map(MongoFeeDocuments::processedEventOf));
  }

  private @Nullable Document findProcessed(TenantId tenant, String source, String eventId) {
    return find(processedEvents, and(eq(TENANT, tenant.value()), eq(SOURCE, source),
        eq(EVENT_ID, eventId))).first();
  }

  /**
   * Finishes every pending event of every fee. Bound to a host's session, it does nothing: the
   * SDK runs it whenever a {@code Ledgerkit} is built, and one built per unit of work must neither
   * scan the store nor write into the host's transaction; the unbound adapter's recovery, and the
   * finishing before a fee's events are read, cover what a crash left.
   */
  @Override
  public void recover() {
    if (session != null) {
      return;
    }
    MongoErrors.call("fee recover", () -> {
      // A document may come twice while its key moves under the scan: finishing is idempotent.
      for (Document fee : fees.find(gte(PENDING + "." + ID, ""))
          .projection(Projections.include(TENANT, PENDING))) {
        // Plain strings: a tenant id stored under an older text policy is recovered too.
        String tenant = fee.getString(TENANT);
        String feeId = fee.getString(ID);
        try {
          for (Document pending : pendingOf(fee)) {
            finish(tenant, feeId, pending);
          }
        } catch (SlotTaken damaged) {
          // Only a store changed by hand gets here. The fee's event stays pending and reading
          // its log fails; recovery goes on with the other fees, so that the SDK still starts.
        }
      }
      return null;
    });
  }

  /**
   * Finishes the copy right after the commit point. The change is decided by then: should the
   * copy fail, the call still reports it as made, and recovery (or reading the fee's events)
   * finishes the copy. Inside the host's transaction the failure has aborted the transaction, so
   * it is reported.
   */
  private void finishAfterCommit(TenantId tenant, UUID feeId, Document event) {
    try {
      finish(tenant.value(), feeId.toString(), event);
    } catch (RuntimeException e) {
      if (session != null && session.hasActiveTransaction()) {
        throw e;
      }
    }
  }

  /** Copies a pending event into the event collection (once, whoever else copies it) and pulls it. */
  private void finish(String tenant, String feeId, Document event) {
    try {
      if (session == null) {
        events.insertOne(event);
      } else {
        events.insertOne(session, event);
      }
    } catch (RuntimeException e) {
      if (!MongoErrors.isDuplicateKey(e)) {
        throw e;
      }
      // A repeat of this very copy is a no-op; anything else holding its place is not.
      Bson same = and(eq(ID, event.get(ID)), eq(TENANT, tenant), eq(FEE_ID, feeId),
          eq(FEE_VERSION, event.get(FEE_VERSION)));
      if (find(events, same).projection(Projections.include(ID)).first() == null) {
        throw new SlotTaken(event.get(FEE_VERSION));
      }
    }
    written(COPY_WRITE);
    Bson fee = and(eq(ID, feeId), eq(TENANT, tenant));
    Bson update = Updates.pullByFilter(new Document(PENDING, new Document(ID, event.get(ID))));
    if (session == null) {
      fees.updateOne(fee, update);
    } else {
      fees.updateOne(session, fee, update);
    }
    written(PULL_WRITE);
  }

  /**
   * The log holds another event at the version of a pending one: the store was changed by hand
   * (the adapter never writes two events for one version), so the pending event is kept.
   */
  private static final class SlotTaken extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SlotTaken(Object feeVersion) {
      super("fee version " + feeVersion + " holds another event in the log; the pending event "
          + "stays pending");
    }
  }

  private void written(int write) {
    AfterWrite hook = afterWrite;
    if (hook != null) {
      hook.after(write);
    }
  }

  private FindIterable<Document> findFees(Bson filter) {
    return find(fees, filter).projection(Projections.exclude(PENDING));
  }

  private FindIterable<Document> find(MongoCollection<Document> collection, Bson filter) {
    return session == null ? collection.find(filter) : collection.find(session, filter);
  }

  private static List<Document> pendingOf(Document fee) {
    return fee.getList(PENDING, Document.class, List.of());
  }

  private static Bson byId(TenantId tenant, UUID id) {
    return and(eq(ID, id.toString()), eq(TENANT, tenant.value()));
  }

  private static void requireStorable(TenantId tenant) {
    FeeRepository.requireStorable(tenant, null);
  }
}
