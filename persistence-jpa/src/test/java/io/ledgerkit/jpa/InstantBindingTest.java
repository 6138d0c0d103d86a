package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Rows#setInstant} stores what the driver's own binding of an {@link OffsetDateTime}
 * stores, on the server: the same microsecond, rounded alike, for every year the column holds.
 */
class InstantBindingTest {

  @Test
  void bindsTheSameTimestampAsTheDriversOffsetDateTime() throws SQLException {
    List<Instant> instants = new ArrayList<>(List.of(
        Instant.parse("2026-12-02T07:55:48.123Z"),
        Instant.parse("2026-12-31T23:59:59.999999500Z"),
        Instant.parse("2026-06-30T12:00:00.000000499Z"),
        Instant.parse("1970-01-01T00:00:00Z"),
        Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("0001-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999Z"),
        Instant.parse("2024-02-29T10:11:12.000001Z"),
        OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant(),
        OffsetDateTime.of(-44, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC).toInstant()));
    Random random = new Random(20_261_202L);
    for (int i = 0; i < 200; i++) {
      instants.add(Instant.ofEpochSecond(random.nextLong() % 250_000_000_000L,
          random.nextInt(1_000_000_000)));
    }

    try (Connection connection = TestDatabase.pool().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "select cast(? as timestamptz), cast(? as timestamptz)")) {
      for (Instant instant : instants) {
        Rows.setInstant(statement, 1, instant);
        statement.setObject(2, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          assertEquals(row.getObject(2, OffsetDateTime.class),
              row.getObject(1, OffsetDateTime.class), instant::toString);
        }
      }
    }
  }
}
