package io.ledgerkit.jpa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ledgerkit.fee.FeeEventDetails;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.ManualPaymentMethod;
import io.ledgerkit.fee.PaymentResult;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link FeeEventDetails} as the {@code details jsonb} of {@code ledgerkit_fee_event}: an object
 * under the record's component names, absent parts left out, enums by their API names. Amounts are
 * JSON numbers written in plain notation with their scale ({@code 2.50}, never {@code 2.5} nor
 * {@code 2.5E0}); {@code jsonb} stores numbers as {@code numeric}, which keeps the scale, and they
 * are read back into {@link BigDecimal} from their text, so {@code 2.50} comes back as {@code
 * 2.50}. A host reads them with {@code (details->>'amount')::numeric}.
 */
final class FeeDetailsJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      // A newer SDK may record more; an older one reads what it knows.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private FeeDetailsJson() {}

  /** The stored form: the same names as {@link FeeEventDetails}, enums as text. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stored(
      @Nullable BigDecimal amount,
      @Nullable BigDecimal previousAmount,
      @Nullable String reason,
      @Nullable Integer paymentAttempt,
      @Nullable String paymentReference,
      @Nullable String paymentUrl,
      @Nullable String paymentResult,
      @Nullable String resultMapping,
      @Nullable String manualMethod,
      @Nullable String error) {}

  /** @return the details as a JSON object, {@code {}} for none */
  static String write(FeeEventDetails details) {
    Stored stored = new Stored(details.amount(), details.previousAmount(),
        details.reason() == null ? null : details.reason().apiName(), details.paymentAttempt(),
        details.paymentReference(), details.paymentUrl(),
        details.paymentResult() == null ? null : details.paymentResult().apiName(),
        details.resultMapping(),
        details.manualMethod() == null ? null : details.manualMethod().apiName(), details.error());
    try {
      return MAPPER.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the details of a fee event cannot be written as JSON", e);
    }
  }

  /** @return the details a stored JSON object holds */
  static FeeEventDetails read(String json) {
    Stored stored;
    try {
      stored = MAPPER.readValue(json, Stored.class);
    } catch (JsonProcessingException e) {
      // The parser's message may quote the stored text; it stays in the (redacted) cause.
      throw new IllegalStateException("the stored details of a fee event are not readable", e);
    }
    return new FeeEventDetails(stored.amount(), stored.previousAmount(),
        named(stored.reason(), FeeReason::ofApiName, "reason"), stored.paymentAttempt(),
        stored.paymentReference(), stored.paymentUrl(),
        named(stored.paymentResult(), PaymentResult::ofApiName, "paymentResult"),
        stored.resultMapping(),
        named(stored.manualMethod(), ManualPaymentMethod::ofApiName, "manualMethod"),
        stored.error());
  }

  private static <E> @Nullable E named(
      @Nullable String apiName, Function<String, Optional<E>> lookUp, String part) {
    if (apiName == null) {
      return null;
    }
    return lookUp.apply(apiName).orElseThrow(() ->
        new IllegalStateException("an unknown " + part + " is stored in a fee event's details"));
  }
}
