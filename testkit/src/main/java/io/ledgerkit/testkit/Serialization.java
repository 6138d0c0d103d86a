package io.ledgerkit.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * For tests that an exception serializes and carries no stored value: the round trip through
 * Java serialization, and everything a serialized exception could show a reader.
 */
public final class Serialization {

  private Serialization() {}

  /**
   * @param value any serializable value
   * @param <T> its type
   * @return a copy of it, written and read back through Java serialization
   * @throws AssertionError if it does not serialize or does not come back as its own type
   */
  @SuppressWarnings("unchecked")
  public static <T> T roundTrip(T value) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes(value)))) {
      Object copy = in.readObject();
      if (copy.getClass() != value.getClass()) {
        throw new AssertionError("came back as " + copy.getClass().getName());
      }
      return (T) copy;
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError(value.getClass().getName() + " does not serialize", e);
    }
  }

  /**
   * @param failure an exception
   * @return its serialized bytes read as text, its stack trace and its copy's (messages and causes
   *     included): what a log or a reader of the bytes would see
   */
  public static String everythingShownBy(Throwable failure) {
    return new String(bytes(failure), StandardCharsets.ISO_8859_1) + stackTraceOf(failure)
        + stackTraceOf(roundTrip(failure));
  }

  private static byte[] bytes(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(value.getClass().getName() + " does not serialize", e);
    }
    return bytes.toByteArray();
  }

  private static String stackTraceOf(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
