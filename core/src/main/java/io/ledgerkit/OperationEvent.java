package io.ledgerkit;

import java.time.Duration;

/**
 * One SDK operation as it ended.
 *
 * @param operation the operation's name: the service accessor and method, such as {@code
 *     customers.create} or {@code tenants.updateSettings}
 * @param outcome how it ended
 * @param duration how long it took, from the call to its return or throw
 */
public record OperationEvent(String operation, Outcome outcome, Duration duration) {

  /** How an operation ended; an exception maps to the outcome of its type. */
  public enum Outcome {
    /** It returned. */
    SUCCESS,
    /** {@link ValidationException}: bad input, nothing written. */
    INVALID,
    /** {@link NotFoundException}. */
    NOT_FOUND,
    /** {@link ConflictException}: a duplicate, or a lost race the caller asked to hear of. */
    CONFLICT,
    /** {@link IllegalTransitionException}: the record's state does not allow the step. */
    ILLEGAL_TRANSITION,
    /** {@link AccessDeniedException}. */
    ACCESS_DENIED,
    /** {@link UnknownTenantException}. */
    UNKNOWN_TENANT,
    /** {@link StorageException}: the store failed. */
    STORAGE_ERROR,
    /** Any other exception or error. */
    ERROR;

    /**
     * @param failure what an operation threw
     * @return the outcome it stands for
     */
    public static Outcome of(Throwable failure) {
      if (failure instanceof ValidationException) {
        return INVALID;
      }
      if (failure instanceof NotFoundException) {
        return NOT_FOUND;
      }
      if (failure instanceof ConflictException) {
        return CONFLICT;
      }
      if (failure instanceof IllegalTransitionException) {
        return ILLEGAL_TRANSITION;
      }
      if (failure instanceof AccessDeniedException) {
        return ACCESS_DENIED;
      }
      if (failure instanceof UnknownTenantException) {
        return UNKNOWN_TENANT;
      }
      if (failure instanceof StorageException) {
        return STORAGE_ERROR;
      }
      return ERROR;
    }
  }
}
