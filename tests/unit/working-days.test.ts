import { describe, expect, it } from "vitest";
import { workingDaysBetween } from "../../src/lib/working-days.js";

// 2026-12-04 is a Friday, 12-05 Saturday, 12-06 Sunday, 12-07 Monday. Vietnam is UTC+7, so its
// midnight is 17:00 UTC the day before; the suite runs with TZ=America/New_York.
const vn = (local: string) => new Date(`${local}+07:00`);

describe("workingDaysBetween", () => {
  it("counts nothing on the day itself, and one per weekday after it", () => {
    expect(workingDaysBetween(vn("2026-12-07T08:00:00"), vn("2026-12-07T17:00:00"))).toBe(0);
    expect(workingDaysBetween(vn("2026-12-07T08:00:00"), vn("2026-12-08T08:00:00"))).toBe(1);
    expect(workingDaysBetween(vn("2026-12-07T08:00:00"), vn("2026-12-11T23:59:00"))).toBe(4);
  });

  it("leaves Saturdays and Sundays out", () => {
    // Friday → Monday: only Monday counts.
    expect(workingDaysBetween(vn("2026-12-04T10:00:00"), vn("2026-12-07T09:00:00"))).toBe(1);
    // Friday → Saturday and Sunday: still nothing.
    expect(workingDaysBetween(vn("2026-12-04T10:00:00"), vn("2026-12-05T09:00:00"))).toBe(0);
    expect(workingDaysBetween(vn("2026-12-04T10:00:00"), vn("2026-12-06T23:00:00"))).toBe(0);
    // Sent on a Saturday or a Sunday: Monday is its first working day.
    expect(workingDaysBetween(vn("2026-12-05T10:00:00"), vn("2026-12-07T09:00:00"))).toBe(1);
    expect(workingDaysBetween(vn("2026-12-06T10:00:00"), vn("2026-12-07T09:00:00"))).toBe(1);
    expect(workingDaysBetween(vn("2026-12-05T10:00:00"), vn("2026-12-06T09:00:00"))).toBe(0);
  });

  it("counts five per whole week, across months and years", () => {
    expect(workingDaysBetween(vn("2026-12-07T08:00:00"), vn("2026-12-14T08:00:00"))).toBe(5);
    expect(workingDaysBetween(vn("2026-12-04T08:00:00"), vn("2026-12-18T08:00:00"))).toBe(10);
    // Mon 2026-12-28 → Mon 2027-01-11: two weeks over New Year's Day (holidays are not known).
    expect(workingDaysBetween(vn("2026-12-28T08:00:00"), vn("2027-01-11T08:00:00"))).toBe(10);
    // A 30-day month, one day at a time against the quick count.
    for (let n = 0; n <= 60; n++) {
      const to = new Date(vn("2026-11-02T09:00:00").getTime() + n * 86_400_000);
      let slow = 0;
      for (let d = 1; d <= n; d++) {
        const day = new Date(Date.UTC(2026, 10, 2 + d)).getUTCDay();
        if (day !== 0 && day !== 6) slow += 1;
      }
      expect(workingDaysBetween(vn("2026-11-02T09:00:00"), to), `${n} days later`).toBe(slow);
    }
  });

  it("turns the day at midnight in Vietnam, not at midnight UTC or on the server", () => {
    // Monday 23:59 in Vietnam (16:59 UTC Monday) → Tuesday 00:00 in Vietnam (17:00 UTC Monday): one day.
    expect(workingDaysBetween(new Date("2026-12-07T16:59:00Z"), new Date("2026-12-07T17:00:00Z"))).toBe(1);
    // Both on Tuesday in Vietnam although UTC says Monday and Tuesday.
    expect(workingDaysBetween(new Date("2026-12-07T17:00:00Z"), new Date("2026-12-08T16:59:00Z"))).toBe(0);
    // Friday 23:30 in Vietnam is Friday (16:30 UTC); Saturday 06:00 in Vietnam is still the weekend.
    expect(workingDaysBetween(new Date("2026-12-04T16:30:00Z"), new Date("2026-12-04T23:00:00Z"))).toBe(0);
    // Sunday 23:59 in Vietnam → Monday 00:01 in Vietnam: Monday counts.
    expect(workingDaysBetween(new Date("2026-12-06T16:59:00Z"), new Date("2026-12-06T17:01:00Z"))).toBe(1);
  });

  it("never counts backwards", () => {
    expect(workingDaysBetween(vn("2026-12-08T08:00:00"), vn("2026-12-07T08:00:00"))).toBe(0);
  });
});
