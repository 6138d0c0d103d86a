package io.ledgerkit.customer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The changes of an update: only the fields set here change. Setting an optional field to null or
 * blank clears it; the name cannot be cleared. The result is validated as a whole against the
 * tenant's settings before anything is written.
 *
 * <pre>{@code
 * CustomerPatch.builder().contactEmail("new@example.com").address(null).expectVersion(3).build()
 * }</pre>
 */
public final class CustomerPatch {

  private final Map<Attribute, Optional<String>> changes;
  private final @Nullable Long expectedVersion;

  private CustomerPatch(Map<Attribute, Optional<String>> changes, @Nullable Long expectedVersion) {
    this.changes = Collections.unmodifiableMap(new EnumMap<>(changes));
    this.expectedVersion = expectedVersion;
  }

  /** @return a builder for a patch */
  public static Builder builder() {
    return new Builder();
  }

  /** @return whether the patch changes nothing */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** @return the names of the fields this patch sets, e.g. {@code contactEmail} */
  public Set<String> fields() {
    return changes.keySet().stream().map(a -> a.apiName).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * @return the version the update must find, if the caller asked for that check; without it the
   *     SDK re-reads and re-applies the patch when a concurrent writer wins
   */
  public OptionalLong expectedVersion() {
    return expectedVersion == null ? OptionalLong.empty() : OptionalLong.of(expectedVersion);
  }

  boolean sets(Attribute attribute) {
    return changes.containsKey(attribute);
  }

  @Nullable String value(Attribute attribute) {
    return changes.getOrDefault(attribute, Optional.empty()).orElse(null);
  }

  @Override
  public String toString() {
    return "CustomerPatch" + fields() + (expectedVersion == null ? "" : "@v" + expectedVersion);
  }

  /** Collects the changes of a {@link CustomerPatch}. Not thread-safe; build once, share the patch. */
  public static final class Builder {
    private final Map<Attribute, Optional<String>> changes = new EnumMap<>(Attribute.class);
    private @Nullable Long expectedVersion;

    private Builder() {}

    /**
     * @param value the new name; null or blank is refused on update
     * @return this builder
     */
    public Builder name(@Nullable String value) {
      return set(Attribute.NAME, value);
    }

    /**
     * @param value the new phone, or null to remove it
     * @return this builder
     */
    public Builder phone(@Nullable String value) {
      return set(Attribute.PHONE, value);
    }

    /**
     * @param value the new contact name, or null to clear it
     * @return this builder
     */
    public Builder contactName(@Nullable String value) {
      return set(Attribute.CONTACT_NAME, value);
    }

    /**
     * @param value the new e-mail address, or null to clear it
     * @return this builder
     */
    public Builder contactEmail(@Nullable String value) {
      return set(Attribute.CONTACT_EMAIL, value);
    }

    /**
     * @param value the new address, or null to clear it
     * @return this builder
     */
    public Builder address(@Nullable String value) {
      return set(Attribute.ADDRESS, value);
    }

    /**
     * @param value the new tax number, or null to clear it
     * @return this builder
     */
    public Builder taxNumber(@Nullable String value) {
      return set(Attribute.TAX_NUMBER, value);
    }

    /**
     * @param value the new notes, or null to clear them
     * @return this builder
     */
    public Builder notes(@Nullable String value) {
      return set(Attribute.NOTES, value);
    }

    /**
     * Makes the update fail with a conflict unless the stored version is still this one.
     *
     * @param version the version the caller read
     * @return this builder
     */
    public Builder expectVersion(long version) {
      this.expectedVersion = version;
      return this;
    }

    /** @return the patch */
    public CustomerPatch build() {
      return new CustomerPatch(changes, expectedVersion);
    }

    private Builder set(Attribute attribute, @Nullable String value) {
      changes.put(attribute, Optional.ofNullable(value));
      return this;
    }
  }
}
