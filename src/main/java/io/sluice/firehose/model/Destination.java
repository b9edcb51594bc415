package io.sluice.firehose.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One destination of a delivery stream: its id ({@code destinationId-000000000001}), its kind (the
 * prefix of the API's member names: {@code ExtendedS3}, {@code HttpEndpoint}, …) and its
 * configuration as the caller gave it in the kind's {@code …DestinationConfiguration} shape, with
 * later updates merged in.
 */
public record Destination(String id, String kind, ObjectNode config) {}
