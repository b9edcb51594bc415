package io.sluice.firehose.destination;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.WeekFields;

/**
 * The index a document goes to: the destination's {@code IndexName} with the part of the record's
 * UTC arrival time its {@code IndexRotationPeriod} appends (developer guide, "Configure index
 * rotation for OpenSearch Service"): {@code NoRotation} {@code myindex}, {@code OneHour}
 * {@code myindex-2016-02-25-13}, {@code OneDay} {@code myindex-2016-02-25}, {@code OneWeek}
 * {@code myindex-2016-w09}, {@code OneMonth} {@code myindex-2016-02}.
 */
public final class SearchIndexName {
  /*
   * OneWeek: the guide's note says the week number follows US conventions — a week starts on
   * Sunday, week 1 is the first week holding a Saturday of the year (the week of January 1st) —
   * which is WeekFields.SUNDAY_START. The guide's older table shows 2016-02-25 as w08 (an ISO
   * number); under the note's rule that day is in w09. Sluice follows the note.
   */
  private static final WeekFields US = WeekFields.SUNDAY_START;

  private SearchIndexName() {}

  /** The index name for a record that arrived at {@code arrivalMillis}; {@code rotation} null means NoRotation. */
  public static String of(String indexName, String rotation, long arrivalMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(arrivalMillis).atZone(ZoneOffset.UTC);
    if (rotation == null) {
      return indexName;
    }
    return switch (rotation) {
      case "NoRotation" -> indexName;
      case "OneHour" -> String.format("%s-%04d-%02d-%02d-%02d", indexName, t.getYear(), t.getMonthValue(),
          t.getDayOfMonth(), t.getHour());
      case "OneDay" -> String.format("%s-%04d-%02d-%02d", indexName, t.getYear(), t.getMonthValue(), t.getDayOfMonth());
      case "OneWeek" -> String.format("%s-%04d-w%02d", indexName, t.get(US.weekBasedYear()),
          t.get(US.weekOfWeekBasedYear()));
      case "OneMonth" -> String.format("%s-%04d-%02d", indexName, t.getYear(), t.getMonthValue());
      default -> throw new IllegalArgumentException("IndexRotationPeriod " + rotation);
    };
  }
}
