package io.ledgerkit.jpa;

import static io.ledgerkit.jpa.Tables.CUSTOMER;
import static io.ledgerkit.jpa.Tables.CUSTOMER_COLUMNS;
import static io.ledgerkit.jpa.Tables.C_ADDRESS;
import static io.ledgerkit.jpa.Tables.C_CONTACT_EMAIL;
import static io.ledgerkit.jpa.Tables.C_CONTACT_NAME;
import static io.ledgerkit.jpa.Tables.C_CREATED_AT;
import static io.ledgerkit.jpa.Tables.C_ID;
import static io.ledgerkit.jpa.Tables.C_IS_ACTIVE;
import static io.ledgerkit.jpa.Tables.C_NAME;
import static io.ledgerkit.jpa.Tables.C_NOTES;
import static io.ledgerkit.jpa.Tables.C_PHONE;
import static io.ledgerkit.jpa.Tables.C_TAX_NUMBER;
import static io.ledgerkit.jpa.Tables.C_TENANT_ID;
import static io.ledgerkit.jpa.Tables.C_UPDATED_AT;
import static io.ledgerkit.jpa.Tables.C_VERSION;

import io.ledgerkit.ConflictException;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.customer.SettingsCheckedCustomerRepository;
import io.ledgerkit.internal.TextPolicy;
import io.ledgerkit.tenant.SettingsChangedException;
import io.ledgerkit.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.jooq.Collation;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Customers in {@code ledgerkit_customer}. Creates are one {@code INSERT ... ON CONFLICT
 * (tenant_id, phone) DO UPDATE} each, so concurrent creates of one phone serialize on the unique
 * index and never split into two customers.
 *
 * <p>Writes validated against the tenant's settings check the settings version in the same atomic
 * step: a create in its one statement ({@code INSERT ... SELECT ... WHERE EXISTS} the tenant at
 * that version), other writes in their transaction after locking the tenant's row {@code FOR
 * SHARE}, which holds off a concurrent settings change until they commit. Creates and the lookups
 * by id and by phone run as one statement on a pooled connection ({@link CustomerStatements}).
 */
final class JpaCustomerRepository implements SettingsCheckedCustomerRepository {

  private static final String ENTITY = "customer";
  /** True for a row the statement inserted, false for one it updated on conflict. */
  private static final Field<Boolean> INSERTED =
      DSL.field("(xmax = 0)", SQLDataType.BOOLEAN).as("inserted");

  /** Orders UTF-8 text by code point. */
  private static final Collation BINARY = DSL.collation(DSL.name("C"));

  private final Transactor transactor;

  JpaCustomerRepository(Transactor transactor) {
    this.transactor = transactor;
  }

  @Override
  public CreateResult create(Customer candidate) {
    CustomerRepository.requireStorable(candidate);
    return transactor.inTransaction("create", conflictOn(candidate.tenant(), candidate.id()),
        tx -> tx.sql(dsl -> upsert(dsl, candidate)));
  }

  @Override
  public CreateResult create(Customer candidate, long settingsVersion) {
    CustomerRepository.requireStorable(candidate);
    return transactor.statement("create", conflictOn(candidate.tenant(), candidate.id()),
        connection -> CustomerStatements.upsertIfSettings(connection, candidate, settingsVersion))
        .orElseThrow(() -> new SettingsChangedException(candidate.tenant(), settingsVersion));
  }

  @Override
  public List<CreateResult> createAll(List<Customer> candidates) {
    return createAll(candidates, OptionalLong.empty());
  }

  @Override
  public List<CreateResult> createAll(List<Customer> candidates, long settingsVersion) {
    return createAll(candidates, OptionalLong.of(settingsVersion));
  }

  /**
   * Runs the batch in one transaction: all of it is stored, or none. First as one set-based
   * statement ({@link BulkUpsert}); in the rare case where its results cannot be replayed (a
   * repeated phone inserted concurrently), again as one upsert per candidate, in phone order, so
   * that concurrent batches lock their rows in one order and cannot deadlock; candidates sharing a
   * phone keep their input order, so a later one still merges into an earlier one. Results come
   * back in input order.
   */
  private List<CreateResult> createAll(List<Customer> candidates, OptionalLong settingsVersion) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    candidates.forEach(CustomerRepository::requireStorable);
    TenantId tenant = candidates.get(0).tenant();
    if (candidates.stream().anyMatch(candidate -> !candidate.tenant().equals(tenant))) {
      throw new IllegalArgumentException("a batch belongs to one tenant");
    }
    try {
      return transactor.inTransaction("createAll",
          (violation, cause) -> conflict(tenant, candidates.get(0).id(), violation, cause),
          tx -> tx.session()
              .doReturningWork(connection -> BulkUpsert.run(connection, candidates, settingsVersion))
              .orElseThrow(ReplayImpossible::new));
    } catch (ReplayImpossible e) {
      return createOneByOne(candidates, settingsVersion);
    }
  }

  private List<CreateResult> createOneByOne(List<Customer> candidates, OptionalLong settingsVersion) {
    List<Integer> lockOrder = IntStream.range(0, candidates.size()).boxed()
        .sorted(Comparator.comparing((Integer i) -> candidates.get(i).phone(),
            Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
    AtomicReference<Customer> current = new AtomicReference<>(candidates.get(0));
    return transactor.inTransaction("createAll",
        (violation, cause) ->
            conflict(current.get().tenant(), current.get().id(), violation, cause),
        tx -> {
          checkSettings(tx, candidates.get(0).tenant(), settingsVersion);
          return tx.sql(dsl -> {
            CreateResult[] results = new CreateResult[candidates.size()];
            for (int i : lockOrder) {
              current.set(candidates.get(i));
              results[i] = upsert(dsl, candidates.get(i));
            }
            return List.of(results);
          });
        });
  }

  /** The set-based batch could not replay its results; it is rolled back and run row by row. */
  private static final class ReplayImpossible extends LedgerkitException {
    ReplayImpossible() {
      super("the batch upsert's results cannot be replayed; creating one by one");
    }
  }

  @Override
  public CreateResult createIfAbsent(Customer candidate) {
    return createIfAbsent(candidate, OptionalLong.empty());
  }

  @Override
  public CreateResult createIfAbsent(Customer candidate, long settingsVersion) {
    return createIfAbsent(candidate, OptionalLong.of(settingsVersion));
  }

  /**
   * {@code INSERT ... ON CONFLICT DO NOTHING}, then, when the phone was taken, a read of the
   * customer holding it. The read is a new statement and so sees the conflicting row, which the
   * insert waited to be committed.
   */
  private CreateResult createIfAbsent(Customer candidate, OptionalLong settingsVersion) {
    CustomerRepository.requireStorable(candidate);
    return transactor.inTransaction("createIfAbsent", conflictOn(candidate.tenant(), candidate.id()),
        tx -> {
          checkSettings(tx, candidate.tenant(), settingsVersion);
          return tx.sql(dsl -> {
            Record inserted = insert(dsl, candidate)
                .onConflict(unqualified(C_TENANT_ID), unqualified(C_PHONE))
                .doNothing()
                .returningResult(CUSTOMER_COLUMNS)
                .fetchOne();
            if (inserted != null) {
              return new CreateResult(toCustomer(inserted), true);
            }
            Record stored = dsl.select(CUSTOMER_COLUMNS)
                .from(CUSTOMER)
                .where(C_TENANT_ID.eq(candidate.tenant().value()))
                .and(C_PHONE.eq(candidate.phone()))
                .fetchOne();
            if (stored == null) {
              throw new ConflictException(ENTITY, candidate.tenant(), candidate.id(),
                  "the customer holding the phone was erased concurrently");
            }
            return new CreateResult(toCustomer(stored), false);
          });
        });
  }

  @Override
  public Optional<Customer> findById(TenantId tenant, UUID id) {
    return transactor.statement("findById", conflictOn(tenant, id),
        connection -> CustomerStatements.byId(connection, tenant, id));
  }

  @Override
  public Optional<Customer> findByPhone(TenantId tenant, String phone) {
    TextPolicy.requireStorable("phone", phone);
    return transactor.statement("findByPhone", conflictOn(tenant, null),
        connection -> CustomerStatements.byPhone(connection, tenant, phone));
  }

  @Override
  public Page<Customer> find(
      TenantId tenant, CustomerFilter filter, PageRequest page, CustomerSort sort) {
    CustomerRepository.requireStorable(filter);
    return transactor.inTransaction("find", conflictOn(tenant, null), tx -> tx.sql(dsl -> {
      // One snapshot for the count and the page, so that the total matches the items.
      tx.snapshotReads(dsl);
      Condition matches = matching(tenant, filter);
      long total = dsl.selectCount().from(CUSTOMER).where(matches).fetchSingle().value1();
      List<Customer> items =
          page(dsl, matches, sort, page).fetch(JpaCustomerRepository::toCustomer);
      return new Page<>(items, total, page.offset(), page.limit());
    }));
  }

  @Override
  public boolean update(Customer next, long expectedVersion) {
    return update(next, expectedVersion, OptionalLong.empty());
  }

  @Override
  public boolean update(Customer next, long expectedVersion, long settingsVersion) {
    return update(next, expectedVersion, OptionalLong.of(settingsVersion));
  }

  /**
   * A conditional {@code UPDATE ... WHERE id AND tenant_id AND version}. Run through jOOQ rather
   * than Hibernate because a phone collision is an expected outcome here, and Hibernate would log
   * it, with the colliding phone, as a warning.
   */
  private boolean update(Customer next, long expectedVersion, OptionalLong settingsVersion) {
    CustomerRepository.requireStorable(next);
    return transactor.inTransaction("update", conflictOn(next.tenant(), next.id()), tx -> {
      checkSettings(tx, next.tenant(), settingsVersion);
      return tx.sql(dsl -> dsl.update(CUSTOMER)
          .set(C_NAME, next.name())
          .set(C_PHONE, next.phone())
          .set(C_CONTACT_NAME, next.contactName())
          .set(C_CONTACT_EMAIL, next.contactEmail())
          .set(C_ADDRESS, next.address())
          .set(C_TAX_NUMBER, next.taxNumber())
          .set(C_NOTES, next.notes())
          .set(C_IS_ACTIVE, next.active())
          .set(C_UPDATED_AT, next.updatedAt())
          .set(C_VERSION, next.version())
          .where(C_ID.eq(next.id()))
          .and(C_TENANT_ID.eq(next.tenant().value()))
          .and(C_VERSION.eq(expectedVersion))
          .execute() == 1);
    });
  }

  /**
   * When a settings version is given, locks the tenant's row {@code FOR SHARE} at that version for
   * the rest of the transaction, or throws {@link SettingsChangedException}, which rolls it back.
   */
  private static void checkSettings(Transactor.Tx tx, TenantId tenant, OptionalLong settingsVersion) {
    if (settingsVersion.isPresent() && !tx.session().doReturningWork(connection ->
        CustomerStatements.lockSettingsAt(connection, tenant, settingsVersion.getAsLong()))) {
      throw new SettingsChangedException(tenant, settingsVersion.getAsLong());
    }
  }

  /**
   * A plain {@code DELETE} through jOOQ: Hibernate refuses mutation queries on a session that
   * joined a host's transaction, whose begin and commit it does not own.
   */
  @Override
  public boolean delete(TenantId tenant, UUID id) {
    return transactor.inTransaction("delete", conflictOn(tenant, id), tx ->
        tx.sql(dsl -> dsl.deleteFrom(CUSTOMER)
            .where(C_ID.eq(id))
            .and(C_TENANT_ID.eq(tenant.value()))
            .execute() == 1));
  }

  /**
   * Inserts, or merges into the customer holding the phone exactly as {@link
   * Customer#mergedWith(Customer)}: the candidate's name, its non-null fields over the stored
   * ones, active again, its {@code updatedAt}, the next version; id, phone and {@code createdAt}
   * stay.
   */
  private static CreateResult upsert(DSLContext dsl, Customer candidate) {
    Record row = insert(dsl, candidate)
        .onConflict(unqualified(C_TENANT_ID), unqualified(C_PHONE))
        .doUpdate()
        .set(C_NAME, DSL.when(DSL.excluded(C_NAME).eq(DSL.inline(Customer.DEFAULT_NAME)), C_NAME)
            .otherwise(DSL.excluded(C_NAME)))
        .set(C_CONTACT_NAME, keptUnlessGiven(C_CONTACT_NAME))
        .set(C_CONTACT_EMAIL, keptUnlessGiven(C_CONTACT_EMAIL))
        .set(C_ADDRESS, keptUnlessGiven(C_ADDRESS))
        .set(C_TAX_NUMBER, keptUnlessGiven(C_TAX_NUMBER))
        .set(C_NOTES, keptUnlessGiven(C_NOTES))
        .set(C_IS_ACTIVE, DSL.inline(true))
        .set(C_UPDATED_AT, DSL.excluded(C_UPDATED_AT))
        .set(C_VERSION, C_VERSION.plus(DSL.inline(1L)))
        .returningResult(withInserted())
        .fetchSingle();
    return new CreateResult(toCustomer(row), row.get(INSERTED.getName(), Boolean.class));
  }

  private static InsertValuesStepN<Record> insert(DSLContext dsl, Customer candidate) {
    return dsl.insertInto(CUSTOMER)
        .columns(CUSTOMER_COLUMNS)
        .values(candidate.id(), candidate.tenant().value(), candidate.name(), candidate.phone(),
            candidate.contactName(), candidate.contactEmail(), candidate.address(),
            candidate.taxNumber(), candidate.notes(), candidate.active(), candidate.createdAt(),
            candidate.updatedAt(), candidate.version());
  }

  private static List<Field<?>> withInserted() {
    List<Field<?>> fields = new ArrayList<>(CUSTOMER_COLUMNS);
    fields.add(INSERTED);
    return fields;
  }

  private static Field<String> keptUnlessGiven(Field<String> column) {
    return DSL.coalesce(DSL.excluded(column), column);
  }

  private static <T> Field<T> unqualified(Field<T> column) {
    return DSL.field(DSL.name(column.getUnqualifiedName()), column.getDataType());
  }

  /** @return the listing's page of the customers {@code matches} selects */
  static ResultQuery<Record> page(DSLContext dsl, Condition matches, CustomerSort sort,
      PageRequest page) {
    return dsl.select(CUSTOMER_COLUMNS)
        .from(CUSTOMER)
        .where(matches)
        .orderBy(order(sort))
        .limit(page.limit())
        .offset(page.offset());
  }

  /** @return the listing's condition: the tenant's customers the filter selects */
  static Condition matching(TenantId tenant, CustomerFilter filter) {
    List<Condition> conditions = new ArrayList<>();
    // The tenant unknown to the planner, as Rows.TENANT_UNKNOWN_TO_PLANNER explains.
    conditions.add(C_TENANT_ID.eq(DSL.field(DSL.select(DSL.val(tenant.value())))));
    if (!filter.includeInactive()) {
      conditions.add(C_IS_ACTIVE.isTrue());
    }
    if (filter.name() != null) {
      conditions.add(C_NAME.containsIgnoreCase(filter.name()));
    }
    if (filter.phone() != null) {
      conditions.add(C_PHONE.eq(filter.phone()));
    }
    if (filter.contactName() != null) {
      conditions.add(C_CONTACT_NAME.containsIgnoreCase(filter.contactName()));
    }
    if (filter.contactEmail() != null) {
      conditions.add(DSL.lower(C_CONTACT_EMAIL).eq(DSL.lower(DSL.val(filter.contactEmail()))));
    }
    if (filter.taxNumber() != null) {
      conditions.add(C_TAX_NUMBER.eq(filter.taxNumber()));
    }
    return DSL.and(conditions);
  }

  private static List<SortField<?>> order(CustomerSort sort) {
    return switch (sort) {
      case NEWEST_FIRST -> List.of(C_CREATED_AT.desc(), C_ID.desc());
      case OLDEST_FIRST -> List.of(C_CREATED_AT.asc(), C_ID.asc());
      // By code point, as on every engine (docs/decisions.md), not by the database's locale.
      case NAME -> List.of(C_NAME.collate(BINARY).asc(), C_CREATED_AT.desc(), C_ID.desc());
    };
  }

  private static Customer toCustomer(Record row) {
    return new Customer(row.get(C_ID), TenantId.of(row.get(C_TENANT_ID)), row.get(C_NAME),
        row.get(C_PHONE), row.get(C_CONTACT_NAME), row.get(C_CONTACT_EMAIL), row.get(C_ADDRESS),
        row.get(C_TAX_NUMBER), row.get(C_NOTES), row.get(C_IS_ACTIVE), row.get(C_CREATED_AT),
        row.get(C_UPDATED_AT), row.get(C_VERSION));
  }

  private static Transactor.ConflictMapper conflictOn(TenantId tenant, @Nullable UUID id) {
    return (violation, cause) -> conflict(tenant, id, violation, cause);
  }

  private static ConflictException conflict(TenantId tenant, @Nullable UUID id,
      StorageErrors.UniqueViolation violation, Throwable cause) {
    String reason = violation.isPrimaryKey()
        ? "the id is taken"
        : "phone already belongs to another customer";
    return new ConflictException(ENTITY, tenant, id, reason, cause);
  }
}
