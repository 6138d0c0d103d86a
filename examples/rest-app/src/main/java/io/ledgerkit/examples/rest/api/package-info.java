/**
 * The HTTP API: controllers that map JSON to the SDK's drafts, patches and filters and the SDK's
 * records back to JSON, and the mapping of every error to an RFC 9457 problem detail. No rule lives
 * here; the SDK enforces them all.
 */
@NullMarked
package io.ledgerkit.examples.rest.api;

import org.jspecify.annotations.NullMarked;
