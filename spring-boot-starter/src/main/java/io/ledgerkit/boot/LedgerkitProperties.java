package io.ledgerkit.boot;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ledgerkit.*} properties.
 *
 * <pre>
 * ledgerkit.migrations.enabled=true        # PostgreSQL: run the SDK's Flyway migrations on start
 * ledgerkit.join-transactions=true         # PostgreSQL: calls join Spring-managed transactions
 * ledgerkit.mongo.database=shop            # MongoDB: required to use the MongoClient bean
 * ledgerkit.mongo.collection-prefix=ledgerkit_
 * ledgerkit.metrics.enabled=true           # timers and outcome counts, with Micrometer
 * </pre>
 *
 * @param migrations the PostgreSQL schema
 * @param joinTransactions whether PostgreSQL calls made inside a Spring-managed transaction on
 *     the {@code DataSource} join it (true) or always run in their own (false)
 * @param mongo the MongoDB store
 * @param metrics what Micrometer records
 */
@ConfigurationProperties("ledgerkit")
public record LedgerkitProperties(
    @DefaultValue Migrations migrations,
    @DefaultValue("true") boolean joinTransactions,
    @DefaultValue Mongo mongo,
    @DefaultValue Metrics metrics) {

  /**
   * The SDK's PostgreSQL schema.
   *
   * @param enabled true (the default) to bring the SDK's tables up to date on start; false when
   *     the host migrates in a separate deploy step, and the start then fails on a schema that is
   *     not current
   */
  public record Migrations(@DefaultValue("true") boolean enabled) {}

  /**
   * The SDK's MongoDB store.
   *
   * @param database the database the SDK stores in; without it no MongoDB store is configured
   * @param collectionPrefix the prefix of the SDK's collection names; the adapter's default when
   *     not given
   */
  public record Mongo(@Nullable String database, @Nullable String collectionPrefix) {}

  /**
   * What Micrometer records.
   *
   * @param enabled true (the default) to record through Micrometer when it is present
   */
  public record Metrics(@DefaultValue("true") boolean enabled) {}
}
