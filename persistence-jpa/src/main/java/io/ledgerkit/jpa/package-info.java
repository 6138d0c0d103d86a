/**
 * The PostgreSQL persistence adapter of Ledgerkit: {@link io.ledgerkit.jpa.JpaPersistence},
 * built from the host's {@link javax.sql.DataSource} or Hibernate {@code EntityManagerFactory}.
 * It creates its own tables with Flyway, maps them with Hibernate, runs upserts and dynamic
 * filters with jOOQ and its hot paths (customer creates and lookups, every fee call) as fixed SQL
 * on plain JDBC, each repository call in one database transaction, or in the host's transaction
 * where one is active ({@link io.ledgerkit.jpa.HostTransactions}).
 *
 * <p>Every other type in this package is an implementation detail and not accessible.
 */
@NullMarked
package io.ledgerkit.jpa;

import org.jspecify.annotations.NullMarked;
