package io.ledgerkit.jpa;

import static io.ledgerkit.jpa.Tables.TENANT;
import static io.ledgerkit.jpa.Tables.T_ALLOW_NEGATIVE_STOCK;
import static io.ledgerkit.jpa.Tables.T_CREATED_AT;
import static io.ledgerkit.jpa.Tables.T_DEFAULT_PHONE_REGION;
import static io.ledgerkit.jpa.Tables.T_MANDATORY_CUSTOMER_FIELDS;
import static io.ledgerkit.jpa.Tables.T_TENANT_ID;
import static io.ledgerkit.jpa.Tables.T_UPDATED_AT;
import static io.ledgerkit.jpa.Tables.T_VERSION;

import io.ledgerkit.ConflictException;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import java.util.Optional;

/** Tenants and their settings in {@code ledgerkit_tenant}. */
final class JpaTenantRepository implements TenantRepository {

  private final Transactor transactor;

  JpaTenantRepository(Transactor transactor) {
    this.transactor = transactor;
  }

  @Override
  public boolean insert(Tenant tenant) {
    return transactor.inTransaction("insert tenant", conflictOn(tenant.id()), tx -> tx.sql(dsl ->
        dsl.insertInto(TENANT)
            .columns(T_TENANT_ID, T_MANDATORY_CUSTOMER_FIELDS, T_DEFAULT_PHONE_REGION,
                T_ALLOW_NEGATIVE_STOCK, T_CREATED_AT, T_UPDATED_AT, T_VERSION)
            .values(tenant.id().value(),
                TenantEntity.namesOf(tenant.settings().mandatoryCustomerFields()),
                tenant.settings().defaultPhoneRegion(), tenant.settings().allowNegativeStock(),
                tenant.createdAt(), tenant.updatedAt(), tenant.version())
            .onConflictDoNothing()
            .execute() == 1));
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    return transactor.inTransaction("find tenant", conflictOn(id), tx -> {
      tx.session().setDefaultReadOnly(true);
      return Optional.ofNullable(tx.session().find(TenantEntity.class, id.value()))
          .map(TenantEntity::toTenant);
    });
  }

  /**
   * A conditional {@code UPDATE} through jOOQ: Hibernate refuses mutation queries on a session
   * that joined a host's transaction, whose begin and commit it does not own.
   */
  @Override
  public boolean update(Tenant next, long expectedVersion) {
    return transactor.inTransaction("update tenant", conflictOn(next.id()), tx -> tx.sql(dsl ->
        dsl.update(TENANT)
            .set(T_MANDATORY_CUSTOMER_FIELDS,
                TenantEntity.namesOf(next.settings().mandatoryCustomerFields()))
            .set(T_DEFAULT_PHONE_REGION, next.settings().defaultPhoneRegion())
            .set(T_ALLOW_NEGATIVE_STOCK, next.settings().allowNegativeStock())
            .set(T_UPDATED_AT, next.updatedAt())
            .set(T_VERSION, next.version())
            .where(T_TENANT_ID.eq(next.id().value()))
            .and(T_VERSION.eq(expectedVersion))
            .execute() == 1));
  }

  private static Transactor.ConflictMapper conflictOn(TenantId id) {
    return (violation, cause) ->
        new ConflictException("tenant", id, id.value(), "the tenant exists already", cause);
  }
}
