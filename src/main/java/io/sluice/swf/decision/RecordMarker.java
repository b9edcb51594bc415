package io.sluice.swf.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.swf.engine.History;

/** RecordMarker: MarkerRecorded with the marker's name and details; it never fails. */
final class RecordMarker implements DecisionHandler {
  @Override
  public String type() {
    return "RecordMarker";
  }

  @Override
  public boolean apply(DecisionContext context, History h, ObjectNode d) {
    ObjectNode a = History.attributes();
    a.put("markerName", d.path("markerName").asText());
    History.putIfSet(a, "details", Decisions.text(d, "details", null));
    a.put("decisionTaskCompletedEventId", context.completedEventId());
    h.append("MarkerRecorded", a);
    return true;
  }
}
