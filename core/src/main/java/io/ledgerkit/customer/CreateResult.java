package io.ledgerkit.customer;

/**
 * The outcome of a create: the customer as stored, and whether it was created or an existing
 * customer with the same phone was updated (or reactivated) instead.
 *
 * @param customer the customer as stored after the operation
 * @param isNew true if a new customer was created
 */
public record CreateResult(Customer customer, boolean isNew) {}
