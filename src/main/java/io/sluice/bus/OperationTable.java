package io.sluice.bus;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.sluice.protocol.Operation;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.eventstream.EventStreamReply;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The operations one service verticle runs, found by the {@link OperationSpec} an
 * {@link OperationCall} carries. Built at start from the service's operation classes, each checked
 * then against its spec: the {@link Operation} it implements takes the spec's request record and,
 * when the spec declares one, answers with its response record (or an {@link EventStreamReply} of it). A mismatch fails the start, not a
 * request.
 */
public final class OperationTable {
  private final Map<OperationSpec, Operation<Object, Object>> operations;

  private OperationTable(Map<OperationSpec, Operation<Object, Object>> operations) {
    this.operations = Map.copyOf(operations);
  }

  /**
   * Instantiates every class of {@code operationClasses} through its constructor taking
   * {@code dependency} (the service's shared objects).
   *
   * @throws IllegalStateException if a class cannot be instantiated or does not match its spec
   */
  public static <S> OperationTable of(Collection<Class<?>> operationClasses, Class<S> dependencyType, S dependency) {
    Map<OperationSpec, Operation<Object, Object>> operations = new HashMap<>();
    for (Class<?> c : operationClasses) {
      OperationSpec spec = OperationSpec.ofOperationClass(c);
      checkTypes(c, spec);
      operations.put(spec, instantiate(c, dependencyType, dependency));
    }
    return new OperationTable(operations);
  }

  /** The operation {@code spec} names, or null if this service has none such. */
  public Operation<Object, Object> find(OperationSpec spec) {
    return operations.get(spec);
  }

  private static void checkTypes(Class<?> operationClass, OperationSpec spec) {
    JavaType[] types = TypeFactory.defaultInstance().constructType(operationClass).findTypeParameters(Operation.class);
    if (types.length != 2) {
      throw new IllegalStateException(operationClass.getName() + " is not an Operation of its Request record");
    }
    if (types[0].getRawClass() != spec.requestType()) {
      throw new IllegalStateException(operationClass.getName() + " takes " + types[0].getRawClass().getName()
          + " but its spec names " + spec.requestType().getName());
    }
    // A streaming operation answers an EventStreamReply of its Response record.
    JavaType answer = types[1].getRawClass() == EventStreamReply.class ? types[1].containedTypeOrUnknown(0) : types[1];
    if (spec.responseType() != null && answer.getRawClass() != spec.responseType()) {
      throw new IllegalStateException(operationClass.getName() + " answers " + answer.getRawClass().getName()
          + " but its spec names " + spec.responseType().getName());
    }
  }

  @SuppressWarnings("unchecked")
  private static <S> Operation<Object, Object> instantiate(Class<?> c, Class<S> dependencyType, S dependency) {
    try {
      return (Operation<Object, Object>) c.getConstructor(dependencyType).newInstance(dependency);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot create " + c.getName(), e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("cannot create " + c.getName(), e);
    }
  }
}
