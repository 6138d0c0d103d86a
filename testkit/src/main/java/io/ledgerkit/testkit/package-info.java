/**
 * What every persistence adapter's tests use: the abstract contract suites ({@link
 * io.ledgerkit.testkit.CustomerContractTest}), the in-memory reference store ({@link
 * io.ledgerkit.testkit.InMemoryPersistence}), a settable clock and test data builders.
 *
 * <p>An adapter's test extends a contract suite, supplies its adapter and a {@link
 * io.ledgerkit.testkit.RawStore} that reads the store directly, bypassing the adapter.
 */
@NullMarked
package io.ledgerkit.testkit;

import org.jspecify.annotations.NullMarked;
