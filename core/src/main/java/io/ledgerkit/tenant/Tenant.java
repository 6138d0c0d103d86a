package io.ledgerkit.tenant;

import java.time.Instant;

/**
 * A registered tenant and its settings.
 *
 * @param id the tenant's id
 * @param settings what the tenant has chosen
 * @param createdAt when it was registered
 * @param updatedAt when its settings last changed
 * @param version incremented by every change, starting at 1
 */
public record Tenant(
    TenantId id, TenantSettings settings, Instant createdAt, Instant updatedAt, long version) {}
