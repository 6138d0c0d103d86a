package io.ledgerkit.examples.rest.api;

import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Paging parameters ({@code offset}, {@code limit}) and the JSON of one page. */
final class Paging {

  private Paging() {}

  /**
   * @param offset how many matches to skip; 0 when not given
   * @param limit the page size; {@link PageRequest#DEFAULT_LIMIT} when not given
   * @return the page request; the SDK refuses values out of range
   */
  static PageRequest of(@Nullable Integer offset, @Nullable Integer limit) {
    return PageRequest.of(offset == null ? 0 : offset,
        limit == null ? PageRequest.DEFAULT_LIMIT : limit);
  }

  /**
   * One page of a listing.
   *
   * @param items the records of this page
   * @param total how many match over all pages
   * @param offset the position of the first item
   * @param limit the page size asked for
   * @param hasNext whether more follow
   * @param <T> the JSON type of a record
   */
  public record PageView<T>(List<T> items, long total, int offset, int limit, boolean hasNext) {

    static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
      return new PageView<>(page.items().stream().map(view).toList(), page.total(),
          page.offset(), page.limit(), page.hasNext());
    }
  }
}
