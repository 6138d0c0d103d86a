/**
 * The customer book of a tenant: one customer per phone number per tenant, whatever format the
 * number was typed in and however many writers race.
 *
 * <p>Hosts use {@link io.ledgerkit.customer.CustomerService}; persistence adapters implement
 * {@link io.ledgerkit.customer.CustomerRepository}.
 */
@NullMarked
package io.ledgerkit.customer;

import org.jspecify.annotations.NullMarked;
