package io.ledgerkit.examples.rest.api;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.ConflictException;
import io.ledgerkit.FieldError;
import io.ledgerkit.IllegalTransitionException;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.StorageException;
import io.ledgerkit.UnknownTenantException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.fee.PaymentGatewayException;
import io.ledgerkit.inventory.InsufficientStockException;
import io.ledgerkit.stripe.StripeWebhookException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as an RFC 9457 problem detail ({@code application/problem+json}) with a stable
 * {@code code} property:
 *
 * <table>
 *   <caption>Errors and their statuses</caption>
 *   <tr><th>status</th><th>code</th><th>when</th></tr>
 *   <tr><td>400</td><td>invalid</td><td>{@link ValidationException}, with {@code errors}: every
 *       failing field ({@code field}, {@code code}, {@code message}); also unreadable JSON, unknown
 *       fields, values of the wrong type, missing or malformed parameters</td></tr>
 *   <tr><td>400</td><td>webhookRefused</td><td>a webhook delivery that is not a genuine, fresh
 *       Stripe event ({@code reason})</td></tr>
 *   <tr><td>401</td><td>unauthenticated</td><td>no bearer token, or one that is invalid, expired,
 *       unsigned, wrongly signed or {@code alg: none}</td></tr>
 *   <tr><td>403</td><td>accessDenied</td><td>the caller's roles do not grant what the operation
 *       needs ({@code permission})</td></tr>
 *   <tr><td>403</td><td>unknownTenant</td><td>the token's tenant is not registered: the token
 *       grants nothing this service knows</td></tr>
 *   <tr><td>404</td><td>notFound</td><td>no such record for the caller's tenant (a record of
 *       another tenant is not found too), or no such route</td></tr>
 *   <tr><td>409</td><td>conflict</td><td>a unique key taken, or a concurrent change won</td></tr>
 *   <tr><td>409</td><td>insufficientStock</td><td>the movement would take stock below
 *       zero</td></tr>
 *   <tr><td>409</td><td>illegalTransition</td><td>the fee's status does not allow the step
 *       ({@code state}, {@code step})</td></tr>
 *   <tr><td>502</td><td>paymentGateway</td><td>the payment provider refused or failed; the fee
 *       stays payable ({@code gatewayCode}, a message the payer may be shown)</td></tr>
 *   <tr><td>500</td><td>storage, internal</td><td>anything unexpected; logged, never
 *       described</td></tr>
 * </table>
 *
 * No stack trace, exception class or stored value reaches a response: the SDK's messages name
 * fields, codes and ids only, and unexpected failures are answered without their message.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  /** Creates the handler; Spring does. */
  public ProblemHandler() {}

  /**
   * One failing field of a 400 problem's {@code errors}.
   *
   * @param field the field as the request names it, e.g. {@code dataList[3].phone}
   * @param code {@code required}, {@code blank}, {@code tooLong}, {@code invalid}, {@code
   *     invalidCharacters} or {@code notAllowed}
   * @param message what is wrong, never quoting the value
   */
  public record FieldErrorView(String field, String code, String message) {}

  @ExceptionHandler(ValidationException.class)
  ResponseEntity<ProblemDetail> invalid(ValidationException e, HandlerMethod handler) {
    Map<String, String> names = names(handler);
    List<FieldErrorView> errors = new ArrayList<>();
    for (FieldError error : e.errors()) {
      errors.add(new FieldErrorView(rename(error.field(), names), error.code(), error.message()));
    }
    return invalid(errors);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "notFound", e.entity() + " " + e.id() + " not found",
        Map.of());
  }

  @ExceptionHandler(InsufficientStockException.class)
  ResponseEntity<ProblemDetail> insufficientStock(InsufficientStockException e) {
    return problem(HttpStatus.CONFLICT, "insufficientStock",
        "not enough stock of " + e.itemId() + " for a change of " + e.quantityDelta()
            + "; this store does not allow negative stock",
        Map.of("inventoryItemId", e.itemId(), "quantityDelta", e.quantityDelta()));
  }

  @ExceptionHandler(IllegalTransitionException.class)
  ResponseEntity<ProblemDetail> illegalTransition(IllegalTransitionException e) {
    return problem(HttpStatus.CONFLICT, "illegalTransition",
        e.entity() + " " + e.id() + " is " + e.state() + ": cannot " + e.step(),
        Map.of("state", e.state(), "step", e.step()));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    // The SDK's conflict messages name the record, the tenant and what collided, never a value.
    return problem(HttpStatus.CONFLICT, "conflict", e.getMessage(), Map.of());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "accessDenied",
        "the caller's roles do not grant " + e.permission(),
        Map.of("permission", e.permission().name()));
  }

  @ExceptionHandler(UnknownTenantException.class)
  ResponseEntity<ProblemDetail> unknownTenant(UnknownTenantException e) {
    return problem(HttpStatus.FORBIDDEN, "unknownTenant",
        "tenant " + e.tenant().value() + " is not registered with this service", Map.of());
  }

  @ExceptionHandler(PaymentGatewayException.class)
  ResponseEntity<ProblemDetail> paymentGateway(PaymentGatewayException e) {
    // The SDK promises a message the payer may be shown, without card data.
    return problem(HttpStatus.BAD_GATEWAY, "paymentGateway", e.getMessage(),
        Map.of("gatewayCode", e.code()));
  }

  @ExceptionHandler(StripeWebhookException.class)
  ResponseEntity<ProblemDetail> webhookRefused(StripeWebhookException e) {
    return problem(HttpStatus.BAD_REQUEST, "webhookRefused", "the delivery was refused",
        Map.of("reason", e.reason().name()));
  }

  @ExceptionHandler(StorageException.class)
  ResponseEntity<ProblemDetail> storage(StorageException e) {
    LOG.error("Storage failure", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "storage",
        "the store failed; the request may be tried again", Map.of());
  }

  @ExceptionHandler(InvalidBearerTokenException.class)
  ResponseEntity<ProblemDetail> invalidToken(InvalidBearerTokenException e) {
    return problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
        "the bearer token is invalid, expired or not signed by the trusted key", Map.of());
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
    return problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
        "a valid bearer token is required", Map.of());
  }

  @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
  ResponseEntity<ProblemDetail> routeDenied() {
    return problem(HttpStatus.FORBIDDEN, "accessDenied", "the caller may not use this route",
        Map.of());
  }

  @ExceptionHandler(LedgerkitException.class)
  ResponseEntity<ProblemDetail> ledgerkit(LedgerkitException e) {
    LOG.error("Unexpected SDK failure", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "the request failed", Map.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    LOG.error("Unexpected failure", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "the request failed", Map.of());
  }

  // ---- Spring MVC's own exceptions ----

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    return cast(invalid(List.of(readError(e))));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException mismatch
        ? mismatch.getName() : String.valueOf(e.getPropertyName());
    return cast(invalid(List.of(error(name, FieldError.INVALID,
        "not a valid " + typeName(e.getRequiredType())))));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    return cast(invalid(List.of(error(e.getParameterName(), FieldError.REQUIRED,
        "the parameter is required"))));
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
      problem.setProperty("code", codeOf(status));
    }
    return new ResponseEntity<>(body, headers, status);
  }

  // ---- building ----

  private static FieldErrorView readError(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return error(path(unknown), FieldError.NOT_ALLOWED, "not a field of this request");
    }
    if (cause instanceof StreamReadException) {
      return error("body", FieldError.INVALID, "not valid JSON");
    }
    if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
      return error(path(jackson), FieldError.INVALID, "has the wrong type or format");
    }
    return error("body", FieldError.REQUIRED, "a JSON body of the documented shape is required");
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  private static String typeName(@Nullable Class<?> type) {
    if (type == null) {
      return "value";
    }
    return switch (type.getSimpleName()) {
      case "UUID" -> "UUID";
      case "Instant" -> "ISO-8601 instant, e.g. 2026-01-31T10:15:30Z";
      case "Integer", "int", "Long", "long" -> "whole number";
      case "BigDecimal" -> "decimal number";
      case "Boolean", "boolean" -> "boolean";
      default -> type.getSimpleName();
    };
  }

  private static FieldErrorView error(String field, String code, String message) {
    return new FieldErrorView(field, code, message);
  }

  private static ResponseEntity<ProblemDetail> invalid(List<FieldErrorView> errors) {
    return problem(HttpStatus.BAD_REQUEST, "invalid", "the request has invalid fields",
        Map.of("errors", errors));
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code,
      @Nullable String detail, Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("code", code);
    properties.forEach(problem::setProperty);
    return ResponseEntity.status(status).body(problem);
  }

  @SuppressWarnings("unchecked")
  private static ResponseEntity<Object> cast(ResponseEntity<? extends Object> entity) {
    return (ResponseEntity<Object>) entity;
  }

  private static String codeOf(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "invalid";
      case 404 -> "notFound";
      case 405 -> "methodNotAllowed";
      case 406 -> "notAcceptable";
      case 413 -> "tooLarge";
      case 415 -> "unsupportedMediaType";
      default -> status.is5xxServerError() ? "internal" : "error";
    };
  }

  private static Map<String, String> names(HandlerMethod handler) {
    Map<String, String> names = new HashMap<>();
    for (FieldNames declared : new FieldNames[] {
        AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), FieldNames.class),
        AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), FieldNames.class)}) {
      if (declared != null) {
        for (String entry : declared.value()) {
          int eq = entry.indexOf('=');
          names.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
    }
    return names;
  }

  /** Renames each segment of {@code items[3].contactEmail}-like names. */
  static String rename(String field, Map<String, String> names) {
    if (names.isEmpty()) {
      return field;
    }
    StringBuilder result = new StringBuilder();
    for (String segment : field.split("\\.", -1)) {
      int bracket = segment.indexOf('[');
      String name = bracket < 0 ? segment : segment.substring(0, bracket);
      String rest = bracket < 0 ? "" : segment.substring(bracket);
      result.append(result.isEmpty() ? "" : ".").append(names.getOrDefault(name, name))
          .append(rest);
    }
    return result.toString();
  }
}
