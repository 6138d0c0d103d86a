package io.ledgerkit.benchmarks;

import io.ledgerkit.customer.CustomerDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The data every benchmark uses: valid Indian mobile numbers and the drafts built from them, the
 * same sequence for the SDK and for every baseline.
 */
final class BenchData {

  /** The region of every benchmark tenant; phones are valid Indian mobiles. */
  static final String REGION = "IN";
  /** More distinct phones than any run creates in one tenant. */
  static final long MAX_PHONES = 100_000_000L;

  private BenchData() {}

  /**
   * @param n 0 to {@link #MAX_PHONES} - 1
   * @return a valid Indian mobile in E.164, {@code +9198} followed by {@code n} in eight digits;
   *     distinct for distinct {@code n}
   */
  static String phone(long n) {
    if (n < 0 || n >= MAX_PHONES) {
      throw new IllegalArgumentException("phone number " + n + " out of range");
    }
    String digits = Long.toString(n);
    return "+9198" + "0".repeat(8 - digits.length()) + digits;
  }

  /**
   * @param n the customer's number
   * @return a walk-in customer: a name and a phone, nothing else
   */
  static CustomerDraft draft(long n) {
    return CustomerDraft.named("Customer " + n).withPhone(phone(n));
  }

  /**
   * The bulk load: {@code count} drafts over {@code count / 2} distinct phones, each phone twice,
   * shuffled with a fixed seed, so that half the drafts are duplicates, mostly of a draft in an
   * earlier call and sometimes of one in the same call. A repeat carries another name, so that it
   * really changes the stored customer.
   *
   * @param count an even number of drafts
   * @return the drafts, in load order; the same list on every call
   */
  static List<CustomerDraft> halfDuplicates(int count) {
    int distinct = count / 2;
    int[] phones = new int[distinct * 2];
    for (int i = 0; i < phones.length; i++) {
      phones[i] = i % distinct;
    }
    Random random = new Random(20_261_124L);
    for (int i = phones.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = phones[i];
      phones[i] = phones[j];
      phones[j] = swap;
    }
    boolean[] seen = new boolean[distinct];
    List<CustomerDraft> drafts = new ArrayList<>(phones.length);
    for (int n : phones) {
      String name = seen[n] ? "Customer " + n + " again" : "Customer " + n;
      seen[n] = true;
      drafts.add(CustomerDraft.named(name).withPhone(phone(n)));
    }
    return drafts;
  }

  /**
   * @param purpose a short word naming the benchmark
   * @return a tenant id no earlier run used, so that "fresh" phones are fresh
   */
  static String freshTenant(String purpose) {
    return "bench-" + purpose + "-"
        + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  /**
   * @param items the items of a bulk load
   * @param size items per call
   * @return the items cut into calls of {@code size}, the last one shorter; views, not copies
   */
  static <T> List<List<T>> calls(List<T> items, int size) {
    List<List<T>> calls = new ArrayList<>((items.size() + size - 1) / size);
    for (int from = 0; from < items.size(); from += size) {
      calls.add(items.subList(from, Math.min(items.size(), from + size)));
    }
    return calls;
  }
}
