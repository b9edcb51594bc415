package io.sluice.kinesis.model;

/** A stream's status as DescribeStream reports it. */
public enum StreamStatus { CREATING, DELETING, ACTIVE, UPDATING }
