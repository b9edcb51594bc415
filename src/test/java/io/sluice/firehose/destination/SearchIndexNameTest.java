package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SearchIndexNameTest {
  /** The guide's example arrival, 2016-02-25T13:00:00Z. */
  private static final long FEB_25_13H = 1456405200000L;

  @Test
  void rotationsAppendTheGuidesTimestampParts() {
    assertEquals("myindex", SearchIndexName.of("myindex", "NoRotation", FEB_25_13H));
    assertEquals("myindex-2016-02-25-13", SearchIndexName.of("myindex", "OneHour", FEB_25_13H));
    assertEquals("myindex-2016-02-25", SearchIndexName.of("myindex", "OneDay", FEB_25_13H));
    assertEquals("myindex-2016-02", SearchIndexName.of("myindex", "OneMonth", FEB_25_13H));
    assertEquals("myindex", SearchIndexName.of("myindex", null, FEB_25_13H));
  }

  @Test
  void weeksStartOnSundayAndTheWeekOfJanuaryFirstIsWeekOne() {
    // 2016-01-01 is a Friday: Dec 27 to Jan 2 is week 1, Sunday Jan 3 starts week 2.
    assertEquals("i-2016-w01", SearchIndexName.of("i", "OneWeek", 1451779199000L));
    assertEquals("i-2016-w02", SearchIndexName.of("i", "OneWeek", 1451779200000L));
    assertEquals("i-2016-w09", SearchIndexName.of("i", "OneWeek", FEB_25_13H));
    // Thursday 2020-12-31 is in the week holding Saturday 2021-01-02: week 1 of 2021.
    assertEquals("i-2021-w01", SearchIndexName.of("i", "OneWeek", 1609416000000L));
  }
}
