package io.ledgerkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.jpa.JpaPersistence;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;

/**
 * What a PostgreSQL benchmark trial runs on: one HikariCP pool, the SDK on that pool (its
 * migrations run, so the table exists for the baselines too), and a tenant of its own.
 */
final class PostgresFixture implements AutoCloseable {

  private final HikariDataSource pool;
  private final JpaPersistence persistence;
  private final Ledgerkit ledgerkit;
  private final String tenant;
  private final Caller caller;

  /**
   * @param purpose a short word for the tenant id and the pool's name
   */
  PostgresFixture(String purpose) {
    Logging.quiet();
    pool = BenchDatabase.pool("bench-" + purpose);
    try {
      persistence = JpaPersistence.create(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    ledgerkit = Ledgerkit.builder().persistence(persistence).build();
    tenant = BenchData.freshTenant(purpose);
    register(tenant);
    caller = Caller.of(tenant, "bench", Role.ADMIN);
  }

  /** @return the pool both sides use */
  HikariDataSource pool() {
    return pool;
  }

  /** @return the SDK on the pool */
  Ledgerkit ledgerkit() {
    return ledgerkit;
  }

  /** @return the trial's tenant */
  String tenant() {
    return tenant;
  }

  /** @return an ADMIN of the trial's tenant (every customer permission, bulk included) */
  Caller caller() {
    return caller;
  }

  /**
   * Registers another tenant with the benchmark settings.
   *
   * @param id the tenant id
   * @return an ADMIN caller of it
   */
  Caller register(String id) {
    ledgerkit.tenants().register(TenantId.of(id),
        TenantSettings.defaults().withDefaultPhoneRegion(BenchData.REGION));
    return Caller.of(id, "bench", Role.ADMIN);
  }

  @Override
  public void close() {
    persistence.close();
    pool.close();
  }
}
