/**
 * A local stand-in of the Stripe API, for tests and demos that cannot reach Stripe.
 */
@NullMarked
package io.ledgerkit.stripe.local;

import org.jspecify.annotations.NullMarked;
