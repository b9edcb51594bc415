package io.sluice.storage.scheduler;

/** The in-memory engine against the scheduler compatibility kit. */
class InMemorySchedulerTest extends SchedulerContract {

  @Override
  protected Scheduler freshScheduler() {
    return new InMemoryScheduler();
  }
}
