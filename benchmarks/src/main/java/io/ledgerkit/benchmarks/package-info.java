/**
 * JMH benchmarks of Ledgerkit side by side with the code a host would write by hand: JDBC,
 * {@code COPY}, a naive JPA loop and raw MongoDB driver calls, on the same database, table and data.
 * {@link io.ledgerkit.benchmarks.RunBenchmarks} runs the whole set and writes {@code RESULTS.md}
 * through {@link io.ledgerkit.benchmarks.ResultsTable}. Not published; no compatibility promise.
 */
@NullMarked
package io.ledgerkit.benchmarks;

import org.jspecify.annotations.NullMarked;
