/**
 * Bearer tokens: RS256 JWTs checked against one configured public key, and the SDK's {@link
 * io.ledgerkit.tenant.Caller} built from their {@code tenant}, {@code sub} and {@code roles}
 * claims.
 */
@NullMarked
package io.ledgerkit.examples.rest.security;

import org.jspecify.annotations.NullMarked;
