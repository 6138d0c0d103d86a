/**
 * Fees paid through Stripe Checkout: {@link io.ledgerkit.stripe.StripePaymentGateway} opens
 * checkouts for the core's fees, {@link io.ledgerkit.stripe.StripeWebhookHandler} turns signed
 * webhook deliveries into exactly one effect per payment.
 */
@NullMarked
package io.ledgerkit.stripe;

import org.jspecify.annotations.NullMarked;
