package io.sluice.kinesis.model;

/** The capacity mode of a stream ({@code StreamModeDetails.StreamMode}). */
public enum StreamMode { PROVISIONED, ON_DEMAND }
