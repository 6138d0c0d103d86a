package io.ledgerkit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Real threads for concurrency tests: the contract suites', adapters' and hosts'. */
public final class Races {

  private Races() {}

  /**
   * Runs the task on that many threads, all released at once, and returns their results in thread
   * order; fails on any exception, which an untyped one would be.
   *
   * @param threads how many
   * @param task what each runs, given its number from 0
   * @param <T> what a task returns
   * @return the results, in thread order
   * @throws Exception what a task threw, or a timeout after five minutes
   */
  public static <T> List<T> race(int threads, IntFunction<T> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          start.await();
          return task.apply(thread);
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
