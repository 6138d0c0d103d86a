/**
 * Fees as payable orders: a library's overdue, lost and damage fees that staff assess, waive,
 * cancel or settle and members pay online, with an append-only audit log of every step.
 *
 * <p>Every status change follows the transition table of {@link io.ledgerkit.fee.FeeStatus} and
 * nothing else, is conditional on the version read, and is written together with its {@link
 * io.ledgerkit.fee.FeeEvent}: there is never a change without its event, nor an event without its
 * change. Hosts use {@link io.ledgerkit.fee.FeeService}; persistence adapters implement {@link
 * io.ledgerkit.fee.FeeRepository}; payment providers implement {@link
 * io.ledgerkit.fee.PaymentGateway}.
 */
@NullMarked
package io.ledgerkit.fee;

import org.jspecify.annotations.NullMarked;
