package io.ledgerkit.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.bulk.BulkWriteError;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.StorageException;
import java.util.function.Supplier;

/** Maps driver failures to the SDK's exceptions. */
final class MongoErrors {

  private MongoErrors() {}

  /**
   * Whether the server refused a write because a unique index already holds its key (codes 11000,
   * 11001, 12582), and for nothing else: a write concern error or a lost connection is not a
   * duplicate, even if part of the same exception.
   */
  static boolean isDuplicateKey(RuntimeException e) {
    if (e instanceof MongoBulkWriteException bulk) {
      return bulk.getWriteConcernError() == null
          && !bulk.getWriteErrors().isEmpty()
          && bulk.getWriteErrors().stream().allMatch(MongoErrors::isDuplicateKey);
    }
    return e instanceof MongoServerException server
        && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY;
  }

  private static boolean isDuplicateKey(BulkWriteError error) {
    return error.getCategory() == ErrorCategory.DUPLICATE_KEY;
  }

  /**
   * Runs one store call; whatever the driver throws (a {@code MongoException}, or an {@code
   * IllegalStateException} from a closed client) arrives as a {@link StorageException} with the
   * original as its cause. The SDK's own exceptions pass unchanged.
   */
  static <T> T call(String operation, Supplier<T> body) {
    try {
      return body.get();
    } catch (LedgerkitException e) {
      throw e;
    } catch (RuntimeException e) {
      throw storage(operation, e);
    }
  }

  static StorageException storage(String operation, RuntimeException cause) {
    // The driver's message may quote stored values (a duplicate key holds a phone); it stays in
    // the cause.
    return new StorageException("MongoDB failed in " + operation + " (" + errorCode(cause) + ")", cause);
  }

  private static String errorCode(RuntimeException cause) {
    return cause instanceof MongoServerException server
        ? "code " + server.getCode()
        : cause.getClass().getSimpleName();
  }
}
