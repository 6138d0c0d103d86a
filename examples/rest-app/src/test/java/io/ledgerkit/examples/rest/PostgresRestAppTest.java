package io.ledgerkit.examples.rest;

/**
 * The routes on the default store: an embedded PostgreSQL (or the one in {@code LEDGERKIT_PG_URL}),
 * migrated by the starter.
 */
class PostgresRestAppTest extends RestAppRoutesTest {}
