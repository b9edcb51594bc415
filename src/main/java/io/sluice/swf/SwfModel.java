package io.sluice.swf;

import io.sluice.protocol.ModelShapes;

/**
 * The shapes of SWF's API model (botocore's {@code swf/2012-01-25}, documentation removed, in
 * {@code swf/shapes.json}); a request is checked against its {@code <Action>Input} shape.
 */
public final class SwfModel {
  /** SWF's shapes, violations answered as {@link SwfError#ValidationException}. */
  public static final ModelShapes SHAPES = ModelShapes.load("/swf/shapes.json", SwfError.ValidationException);

  private SwfModel() {}
}
