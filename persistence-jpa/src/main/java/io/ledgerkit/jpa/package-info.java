/**
 * The PostgreSQL persistence adapter of Ledgerkit: {@link io.ledgerkit.jpa.JpaPersistence},
 * built from the host's {@link javax.sql.DataSource}. It creates its own tables with Flyway,
 * maps them with Hibernate and runs upserts and dynamic filters with jOOQ, each repository call
 * in one database transaction.
 *
 * <p>Every other type in this package is an implementation detail and not accessible.
 */
@NullMarked
package io.ledgerkit.jpa;

import org.jspecify.annotations.NullMarked;
