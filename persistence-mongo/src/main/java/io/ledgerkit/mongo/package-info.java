/**
 * The MongoDB persistence adapter: {@link io.ledgerkit.mongo.MongoPersistence} stores Ledgerkit's
 * records through the host's {@code MongoClient}, correct without multi-document transactions.
 *
 * <p>Every repository call reads or writes one document; uniqueness (one customer per phone per
 * tenant) is enforced by a unique index, never by a read-then-write check.
 */
@NullMarked
package io.ledgerkit.mongo;

import org.jspecify.annotations.NullMarked;
