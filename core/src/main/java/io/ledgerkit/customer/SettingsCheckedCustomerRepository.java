package io.ledgerkit.customer;

import io.ledgerkit.tenant.SettingsChangedException;
import java.util.List;

/**
 * An optional capability of a {@link CustomerRepository}: every write that depends on the tenant's
 * settings (mandatory fields, phone region) also checks, in the same atomic step, that the
 * tenant's settings are still at the version the write was validated against. An adapter that
 * offers it lets the SDK keep tenant settings in memory instead of reading them before each write:
 * a stale copy can then never let through a write the current settings refuse, it only makes the
 * SDK read them again and repeat the write.
 *
 * <p>Each method does exactly what its {@link CustomerRepository} namesake does, or, when the
 * tenant's stored settings version is not {@code settingsVersion}, writes nothing and throws
 * {@link SettingsChangedException}.
 */
public interface SettingsCheckedCustomerRepository extends CustomerRepository {

  /**
   * @param candidate as for {@link #create(Customer)}
   * @param settingsVersion the tenant settings version the candidate was validated against
   * @return as for {@link #create(Customer)}
   * @throws SettingsChangedException if the settings are at another version; nothing was written
   */
  CreateResult create(Customer candidate, long settingsVersion);

  /**
   * @param candidates as for {@link #createAll(List)}
   * @param settingsVersion the tenant settings version the candidates were validated against
   * @return as for {@link #createAll(List)}
   * @throws SettingsChangedException if the settings are at another version; nothing was written
   */
  List<CreateResult> createAll(List<Customer> candidates, long settingsVersion);

  /**
   * @param candidate as for {@link #createIfAbsent(Customer)}
   * @param settingsVersion the tenant settings version the candidate was validated against
   * @return as for {@link #createIfAbsent(Customer)}
   * @throws SettingsChangedException if the settings are at another version; nothing was written
   */
  CreateResult createIfAbsent(Customer candidate, long settingsVersion);

  /**
   * @param next as for {@link #update(Customer, long)}
   * @param expectedVersion as for {@link #update(Customer, long)}
   * @param settingsVersion the tenant settings version the new state was validated against
   * @return as for {@link #update(Customer, long)}
   * @throws SettingsChangedException if the settings are at another version; nothing was written
   */
  boolean update(Customer next, long expectedVersion, long settingsVersion);
}
