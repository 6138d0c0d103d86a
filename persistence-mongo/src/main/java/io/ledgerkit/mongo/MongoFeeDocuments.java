package io.ledgerkit.mongo;

import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.fee.FeeEventDetails;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeStatus;
import io.ledgerkit.fee.ManualPaymentMethod;
import io.ledgerkit.fee.PaymentEventOutcome;
import io.ledgerkit.fee.PaymentResult;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.tenant.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of fees and fee events: the seeds' field names, enums as their API name beside
 * their index ({@code status}/{@code statusIdx}), amounts as Decimal128 (exact, with their scale),
 * instants as dates, ids as their canonical strings; a field without a value is left out, never
 * stored as null. An event has the same form in a fee's {@code pendingEvents} as in the log. A
 * processed provider notification is stored under the component names of {@link ProcessedEvent},
 * its {@code _id} left to the driver.
 */
final class MongoFeeDocuments {

  static final String ID = "_id";
  static final String TENANT = "tenantId";
  static final String USER_ID = "userId";
  static final String LOAN_ID = "loanId";
  static final String LOAN_KEY = "loanKey";
  static final String AMOUNT = "amount";
  static final String CURRENCY = "currency";
  static final String STATUS = "status";
  static final String STATUS_IDX = "statusIdx";
  static final String STATUS_UPDATE_DATE = "statusUpdateDate";
  static final String REASON = "reason";
  static final String REASON_IDX = "reasonIdx";
  static final String NOTE = "note";
  static final String PAYMENT_ATTEMPTS = "paymentAttempts";
  static final String PAYMENT_REFERENCE = "paymentReference";
  static final String ACTIVE = "isActive";
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";
  static final String VERSION = "version";
  static final String PENDING = "pendingEvents";

  static final String FEE_ID = "feeId";
  static final String FEE_VERSION = "feeVersion";
  static final String EVENT_TYPE = "eventType";
  static final String EVENT_TYPE_IDX = "eventTypeIdx";
  static final String EVENT_DATE = "eventDate";
  static final String ACTOR = "actorUserId";
  static final String FROM_STATUS = "fromStatus";
  static final String FROM_STATUS_IDX = "fromStatusIdx";
  static final String TO_STATUS = "toStatus";
  static final String TO_STATUS_IDX = "toStatusIdx";
  static final String DETAILS = "details";

  static final String SOURCE = "source";
  static final String EVENT_ID = "eventId";
  static final String TYPE = "type";
  static final String OUTCOME = "outcome";
  static final String PROCESSED_AT = "processedAt";

  /** The loan key of a fee with a loan: the loan id behind this prefix. */
  static final String LOAN_KEY_PREFIX = "loan:";
  /** The loan key of a fee without a loan: its own id behind this prefix, so it never collides. */
  static final String NO_LOAN_KEY_PREFIX = "none:";

  private MongoFeeDocuments() {}

  static String loanKey(Fee fee) {
    return fee.loanId() != null ? LOAN_KEY_PREFIX + fee.loanId() : NO_LOAN_KEY_PREFIX + fee.id();
  }

  /** The stored form, without pending events; null fields are left out, never stored as null. */
  static Document toDocument(Fee fee) {
    Document document = new Document(ID, fee.id().toString())
        .append(TENANT, fee.tenant().value())
        .append(USER_ID, fee.userId());
    putIfPresent(document, LOAN_ID, fee.loanId());
    document.append(LOAN_KEY, loanKey(fee))
        .append(AMOUNT, new Decimal128(fee.amount()))
        .append(CURRENCY, fee.currency().getCurrencyCode())
        .append(STATUS, fee.status().apiName())
        .append(STATUS_IDX, fee.status().index())
        .append(STATUS_UPDATE_DATE, date(fee.statusUpdateDate()))
        .append(REASON, fee.reason().apiName())
        .append(REASON_IDX, fee.reason().index());
    putIfPresent(document, NOTE, fee.note());
    document.append(PAYMENT_ATTEMPTS, fee.paymentAttempts());
    putIfPresent(document, PAYMENT_REFERENCE, fee.paymentReference());
    return document
        .append(ACTIVE, fee.active())
        .append(CREATED_AT, date(fee.createdAt()))
        .append(UPDATED_AT, date(fee.updatedAt()))
        .append(VERSION, fee.version());
  }

  /** The stored form of an event, the same in {@code pendingEvents} and in the event collection. */
  static Document toDocument(FeeEvent event) {
    Document document = new Document(ID, event.id().toString())
        .append(TENANT, event.tenant().value())
        .append(FEE_ID, event.feeId().toString())
        .append(FEE_VERSION, event.feeVersion())
        .append(EVENT_TYPE, event.type().apiName())
        .append(EVENT_TYPE_IDX, event.type().index())
        .append(EVENT_DATE, date(event.eventDate()))
        .append(ACTOR, event.actorUserId());
    putIfPresent(document, NOTE, event.note());
    return document
        .append(FROM_STATUS, event.fromStatus().apiName())
        .append(FROM_STATUS_IDX, event.fromStatus().index())
        .append(TO_STATUS, event.toStatus().apiName())
        .append(TO_STATUS_IDX, event.toStatus().index())
        .append(DETAILS, toDocument(event.details()));
  }

  /** Under the component names of {@link FeeEventDetails}; absent parts are left out. */
  static Document toDocument(FeeEventDetails details) {
    Document document = new Document();
    putIfPresent(document, "amount", details.amount() == null ? null : new Decimal128(details.amount()));
    putIfPresent(document, "previousAmount",
        details.previousAmount() == null ? null : new Decimal128(details.previousAmount()));
    putIfPresent(document, "reason", details.reason() == null ? null : details.reason().apiName());
    putIfPresent(document, "paymentAttempt", details.paymentAttempt());
    putIfPresent(document, "paymentReference", details.paymentReference());
    putIfPresent(document, "paymentUrl", details.paymentUrl());
    putIfPresent(document, "paymentResult",
        details.paymentResult() == null ? null : details.paymentResult().apiName());
    putIfPresent(document, "resultMapping", details.resultMapping());
    putIfPresent(document, "manualMethod",
        details.manualMethod() == null ? null : details.manualMethod().apiName());
    putIfPresent(document, "error", details.error());
    return document;
  }

  /**
   * The stored form of a processed notification, without {@code _id}: the driver adds one, and
   * the unique key is {@code (tenantId, source, eventId)}.
   */
  static Document toDocument(ProcessedEvent event) {
    return new Document(TENANT, event.tenant().value())
        .append(SOURCE, event.source())
        .append(EVENT_ID, event.eventId())
        .append(TYPE, event.type())
        .append(FEE_ID, event.feeId().toString())
        .append(OUTCOME, event.outcome().apiName())
        .append(PROCESSED_AT, date(event.processedAt()));
  }

  static ProcessedEvent processedEventOf(Document document) {
    return new ProcessedEvent(
        new TenantId(document.getString(TENANT)),
        document.getString(SOURCE),
        document.getString(EVENT_ID),
        document.getString(TYPE),
        UUID.fromString(document.getString(FEE_ID)),
        named(document.getString(OUTCOME), PaymentEventOutcome::ofApiName, OUTCOME),
        instant(document, PROCESSED_AT));
  }

  private static Document putIfPresent(Document document, String field, @Nullable Object value) {
    if (value != null) {
      document.append(field, value);
    }
    return document;
  }

  static Fee feeOf(Document document) {
    return new Fee(
        UUID.fromString(document.getString(ID)),
        new TenantId(document.getString(TENANT)),
        document.getString(USER_ID),
        document.getString(LOAN_ID),
        decimal(document, AMOUNT),
        Currency.getInstance(document.getString(CURRENCY)),
        named(document.getString(STATUS), FeeStatus::ofApiName, STATUS),
        instant(document, STATUS_UPDATE_DATE),
        named(document.getString(REASON), FeeReason::ofApiName, REASON),
        document.getString(NOTE),
        document.get(PAYMENT_ATTEMPTS, Number.class).intValue(),
        document.getString(PAYMENT_REFERENCE),
        document.getBoolean(ACTIVE),
        instant(document, CREATED_AT),
        instant(document, UPDATED_AT),
        document.get(VERSION, Number.class).longValue());
  }

  static FeeEvent eventOf(Document document) {
    Document details = document.get(DETAILS, Document.class);
    return new FeeEvent(
        UUID.fromString(document.getString(ID)),
        new TenantId(document.getString(TENANT)),
        UUID.fromString(document.getString(FEE_ID)),
        document.get(FEE_VERSION, Number.class).longValue(),
        named(document.getString(EVENT_TYPE), FeeEventType::ofApiName, EVENT_TYPE),
        instant(document, EVENT_DATE),
        document.getString(ACTOR),
        document.getString(NOTE),
        named(document.getString(FROM_STATUS), FeeStatus::ofApiName, FROM_STATUS),
        named(document.getString(TO_STATUS), FeeStatus::ofApiName, TO_STATUS),
        details == null ? FeeEventDetails.NONE : detailsOf(details));
  }

  private static FeeEventDetails detailsOf(Document details) {
    String reason = details.getString("reason");
    String result = details.getString("paymentResult");
    String method = details.getString("manualMethod");
    Number attempt = details.get("paymentAttempt", Number.class);
    return new FeeEventDetails(
        details.containsKey("amount") ? decimal(details, "amount") : null,
        details.containsKey("previousAmount") ? decimal(details, "previousAmount") : null,
        reason == null ? null : named(reason, FeeReason::ofApiName, "details.reason"),
        attempt == null ? null : attempt.intValue(),
        details.getString("paymentReference"),
        details.getString("paymentUrl"),
        result == null ? null : named(result, PaymentResult::ofApiName, "details.paymentResult"),
        details.getString("resultMapping"),
        method == null ? null : named(method, ManualPaymentMethod::ofApiName, "details.manualMethod"),
        details.getString("error"));
  }

  private static <E> E named(String apiName, Function<String, Optional<E>> lookup, String field) {
    return lookup.apply(apiName).orElseThrow(() ->
        new IllegalStateException("a stored " + field + " the SDK does not know"));
  }

  private static BigDecimal decimal(Document document, String field) {
    return document.get(field, Decimal128.class).bigDecimalValue();
  }

  static Date date(Instant instant) {
    return Date.from(instant);
  }

  private static Instant instant(Document document, String field) {
    return document.getDate(field).toInstant();
  }
}
