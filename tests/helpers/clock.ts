import type { Clock } from "../../src/lib/vi-time.js";

export interface TestClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

/** A clock the test moves by hand, e.g. across midnight in Vietnam. */
export function testClock(iso: string): TestClock {
  let now = new Date(iso).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (next) => {
    now = new Date(next).getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}
