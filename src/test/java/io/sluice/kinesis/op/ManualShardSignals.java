package io.sluice.kinesis.op;

import io.sluice.kinesis.ShardSignals;
import io.sluice.testing.ManualSignals;
import io.sluice.time.ManualClock;

/** {@link ShardSignals} moved by hand ({@link ManualSignals}). */
final class ManualShardSignals extends ManualSignals implements ShardSignals {

  ManualShardSignals(ManualClock clock) {
    super(clock);
  }
}
