/**
 * Ledgerkit: an embeddable back office for Java backends.
 *
 * <p>Start at {@link io.ledgerkit.Ledgerkit}: build it with a {@link io.ledgerkit.PersistenceAdapter}
 * and use the services it hands out. Every failure the SDK reports is a {@link
 * io.ledgerkit.LedgerkitException}.
 */
@NullMarked
package io.ledgerkit;

import org.jspecify.annotations.NullMarked;
