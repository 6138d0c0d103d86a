package io.ledgerkit.examples.rest;

import org.springframework.test.context.ActiveProfiles;

/** The routes on the {@code mongo} profile's store: the in-process mongo-java-server. */
@ActiveProfiles("mongo")
class MongoRestAppTest extends RestAppRoutesTest {}
