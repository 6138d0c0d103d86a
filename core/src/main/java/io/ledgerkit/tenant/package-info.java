/**
 * Tenants, callers and access: who is asking, for which tenant, and what that tenant has set up.
 *
 * <p>Every operation of the SDK takes a {@link io.ledgerkit.tenant.Caller}; there is no implicit
 * tenant. A tenant must be registered through {@link io.ledgerkit.tenant.TenantRegistry} before it
 * can be used. What each role may do is decided by an {@link io.ledgerkit.tenant.AccessPolicy}.
 */
@NullMarked
package io.ledgerkit.tenant;

import org.jspecify.annotations.NullMarked;
