package io.ledgerkit.mongo;

import io.ledgerkit.inventory.Movement;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.tenant.TenantId;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of movements, one document per movement in the movement collection: the seed's
 * field names, the type as its API name beside its index ({@code movementType}/{@code
 * movementTypeIdx}), instants as dates, ids as their canonical strings; a field without a value is
 * left out, never stored as null.
 *
 * <p>Each item's movements form a chain: {@code seq} numbers them 1, 2, 3, ... per tenant and item
 * (unique), and {@code stockAfter} is the item's stock once that movement counted. Beside the
 * movements the collection holds two kinds of documents that are not movements, told apart by a
 * {@code seq} that is a string, which no query for movements matches (they all ask for a numeric
 * {@code seq}):
 *
 * <ul>
 *   <li>a <em>reservation</em>: the destination leg of a transfer before its source leg decided,
 *       {@code seq = "r:" + _id}, with {@code reservedFor} (the source leg's id), {@code
 *       sourceTenantId}, {@code sourceItemId} and {@code reservedAt}; it becomes the movement
 *       itself when committed;
 *   <li>a <em>marker</em> of an aborted transfer, under the id its source leg would have had, so
 *       that the source leg can never be written after recovery gave the transfer up: {@code seq}
 *       and {@code movementTimestamp} are {@code "x:" + _id}, {@code abortedTransfer: true}.
 * </ul>
 */
final class MongoInventoryDocuments {

  static final String ID = "_id";
  static final String TENANT = "tenantId";
  static final String ITEM_ID = "itemId";
  static final String QUANTITY_DELTA = "quantityDelta";
  static final String MOVEMENT_TYPE = "movementType";
  static final String MOVEMENT_TYPE_IDX = "movementTypeIdx";
  static final String MOVEMENT_TIMESTAMP = "movementTimestamp";
  static final String USER_ID = "userId";
  static final String MOVEMENT_REASON = "movementReason";
  static final String CORRECTS_ID = "correctsId";
  static final String TRANSFER_ID = "transferId";
  static final String RECORDED_AT = "recordedAt";
  static final String SEQ = "seq";
  static final String STOCK_AFTER = "stockAfter";

  /** On a transfer's source leg: the id of its destination leg. */
  static final String DESTINATION_LEG = "destinationLegId";
  /** On a reservation: the id of the source leg it waits for. */
  static final String RESERVED_FOR = "reservedFor";
  /** On a reservation: the source leg's tenant. */
  static final String SOURCE_TENANT = "sourceTenantId";
  /** On a reservation: the source leg's item. */
  static final String SOURCE_ITEM = "sourceItemId";
  /** On a reservation: when it was written, by the adapter's clock. */
  static final String RESERVED_AT = "reservedAt";
  /** On a marker: always true. */
  static final String ABORTED = "abortedTransfer";

  /** The {@code seq} of a reservation: this prefix and its own id. */
  static final String RESERVATION_PREFIX = "r:";
  /** The {@code seq} and {@code movementTimestamp} of a marker: this prefix and its id. */
  static final String MARKER_PREFIX = "x:";

  private MongoInventoryDocuments() {}

  /** The stored form of a movement, without its place in the chain. */
  static Document toDocument(Movement movement) {
    Document document = new Document(ID, movement.id().toString())
        .append(TENANT, movement.tenant().value())
        .append(ITEM_ID, movement.itemId())
        .append(QUANTITY_DELTA, movement.quantityDelta())
        .append(MOVEMENT_TYPE, movement.type().apiName())
        .append(MOVEMENT_TYPE_IDX, movement.type().index())
        .append(MOVEMENT_TIMESTAMP, date(movement.timestamp()))
        .append(USER_ID, movement.userId());
    putIfPresent(document, MOVEMENT_REASON, movement.reason());
    putIfPresent(document, CORRECTS_ID, movement.correctsId());
    putIfPresent(document, TRANSFER_ID, movement.transferId());
    return document.append(RECORDED_AT, date(movement.recordedAt()));
  }

  /** The stored form of a movement at its place in the chain. */
  static Document toDocument(Movement movement, long seq, long stockAfter) {
    return toDocument(movement).append(SEQ, seq).append(STOCK_AFTER, stockAfter);
  }

  /** A transfer's destination leg, reserved until its source leg decides. */
  static Document reservation(Movement in, Movement out, Instant now) {
    return toDocument(in)
        .append(SEQ, reservationSeq(in.id().toString()))
        .append(RESERVED_FOR, out.id().toString())
        .append(SOURCE_TENANT, out.tenant().value())
        .append(SOURCE_ITEM, out.itemId())
        .append(RESERVED_AT, Date.from(now));
  }

  /**
   * The marker of an aborted transfer, under the id of its source leg and in that leg's tenant
   * (so on its shard), with keys that no movement or other marker has.
   */
  static Document marker(String sourceLegId, String sourceTenant, String sourceItem,
      @Nullable String transferId, Instant now) {
    Document marker = new Document(ID, sourceLegId)
        .append(TENANT, sourceTenant)
        .append(ITEM_ID, sourceItem)
        .append(SEQ, MARKER_PREFIX + sourceLegId)
        .append(MOVEMENT_TIMESTAMP, MARKER_PREFIX + sourceLegId);
    putIfPresent(marker, TRANSFER_ID, transferId);
    return marker.append(ABORTED, true).append(RECORDED_AT, Date.from(now));
  }

  static String reservationSeq(String id) {
    return RESERVATION_PREFIX + id;
  }

  private static void putIfPresent(Document document, String field, @Nullable Object value) {
    if (value != null) {
      document.append(field, value instanceof UUID uuid ? uuid.toString() : value);
    }
  }

  static Movement movementOf(Document document) {
    String correctsId = document.getString(CORRECTS_ID);
    String transferId = document.getString(TRANSFER_ID);
    String type = document.getString(MOVEMENT_TYPE);
    return new Movement(
        UUID.fromString(document.getString(ID)),
        new TenantId(document.getString(TENANT)),
        document.getString(ITEM_ID),
        document.get(QUANTITY_DELTA, Number.class).longValue(),
        MovementType.ofApiName(type).orElseThrow(() ->
            new IllegalStateException("a stored movementType the SDK does not know")),
        document.getDate(MOVEMENT_TIMESTAMP).toInstant(),
        document.getString(USER_ID),
        document.getString(MOVEMENT_REASON),
        correctsId == null ? null : UUID.fromString(correctsId),
        transferId == null ? null : UUID.fromString(transferId),
        document.getDate(RECORDED_AT).toInstant());
  }

  static Date date(Instant instant) {
    return Date.from(instant);
  }
}
