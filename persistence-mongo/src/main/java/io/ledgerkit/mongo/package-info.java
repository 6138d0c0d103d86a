/**
 * The MongoDB persistence adapter: {@link io.ledgerkit.mongo.MongoPersistence} stores Ledgerkit's
 * records through the host's {@code MongoClient}, correct without multi-document transactions.
 *
 * <p>Every customer and tenant call reads or writes one document; a fee change is decided by one
 * write of the fee document, which carries its audit event until the event is copied into the log;
 * a stock movement is one insert that carries the item's stock after it, and a transfer between
 * stores is decided by the insert of its source leg. Uniqueness (one customer per phone, one fee
 * per user and loan, one event per fee version, one record per provider notification, one
 * movement per item and millisecond and per place in an item's chain) is enforced by unique
 * indexes, never by a read-then-write check.
 */
@NullMarked
package io.ledgerkit.mongo;

import org.jspecify.annotations.NullMarked;
