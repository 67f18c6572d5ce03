import { describe, expect, it } from "vitest";
import { formatDate, formatStamp, parseLocalInput, toLocalInput, vnDayKey, vnWeekStart } from "../../src/lib/vi-time.js";

describe("Vietnam time", () => {
  it("runs the suite with the server in another time zone", () => {
    expect(process.env.TZ).toBe("America/New_York");
    expect(new Date("2017-08-01T08:09:00Z").getHours()).toBe(4);
  });

  it("stamps an article as HH:mm - dd/MM/yyyy in UTC+7 whatever the server TZ", () => {
    expect(formatStamp(new Date("2017-08-01T08:09:00Z"))).toBe("15:09 - 01/08/2017");
    expect(formatDate(new Date("2017-07-31T17:30:00Z"))).toBe("01/08/2017");
  });

  it("rolls the day over at midnight Vietnam time, not UTC", () => {
    expect(vnDayKey(new Date("2026-11-27T16:59:59Z"))).toBe("2026-11-27");
    expect(vnDayKey(new Date("2026-11-27T17:00:00Z"))).toBe("2026-11-28");
  });

  it("starts the week on Monday in Vietnam time", () => {
    // Sunday 29/11/2026 23:59 in Vietnam still belongs to the week of Monday 23/11.
    expect(vnWeekStart(new Date("2026-11-29T16:59:00Z"))).toBe("2026-11-23");
    // One minute later it is Monday 30/11 there.
    expect(vnWeekStart(new Date("2026-11-29T17:00:00Z"))).toBe("2026-11-30");
  });

  it("reads yyyy-MM-ddTHH:mm as Vietnam time and refuses impossible dates", () => {
    expect(parseLocalInput("2017-08-01T15:09")?.toISOString()).toBe("2017-08-01T08:09:00.000Z");
    expect(toLocalInput(new Date("2017-08-01T08:09:00Z"))).toBe("2017-08-01T15:09");
    expect(parseLocalInput("2017-02-30T10:00")).toBeNull();
    expect(parseLocalInput("2017-08-01 15:09")).toBeNull();
    expect(parseLocalInput("2017-08-01T25:09")).toBeNull();
  });
});
