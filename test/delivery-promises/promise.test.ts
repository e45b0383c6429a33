// The promise calendar, without I/O: cut-off, weekends, holidays, time zones, and properties over random calendars.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Calendar, dayNumberOf, promiseDelivery, weekdayOf, type Weekday } from "../../src/delivery-promises/promise";

const berlin: Calendar = { timeZone: "Europe/Berlin", cutoff: "14:00", workingDays: [1, 2, 3, 4, 5], carrierDays: [1, 2, 3, 4, 5], holidays: [] };
// 2026-07-01 is a Wednesday; Berlin is UTC+2 in summer, UTC+1 in winter.
const at = (iso: string) => Date.parse(iso);

describe("promiseDelivery", () => {
  it("ships today before the cut-off and the next working day after it (local time)", () => {
    expect(promiseDelivery(at("2026-07-01T11:59:00Z"), berlin, 2)).toMatchObject({ shipDate: "2026-07-01", deliveryDate: "2026-07-03" });
    // 14:00 Berlin is 12:00 UTC: at the cut-off the order misses today's pickup.
    expect(promiseDelivery(at("2026-07-01T12:00:00Z"), berlin, 2)).toMatchObject({ shipDate: "2026-07-02", deliveryDate: "2026-07-06" });
    // Just past midnight UTC is already Thursday morning in Berlin.
    expect(promiseDelivery(at("2026-07-01T22:30:00Z"), berlin, 0)).toMatchObject({ shipDate: "2026-07-02", deliveryDate: "2026-07-02" });
  });

  it("skips the weekend for shipping and for transit", () => {
    // Friday after the cut-off: leaves Monday, 1 carrier day later is Tuesday.
    expect(promiseDelivery(at("2026-07-03T15:00:00Z"), berlin, 1)).toMatchObject({ shipDate: "2026-07-06", deliveryDate: "2026-07-07" });
    // Saturday morning: nothing leaves before Monday.
    expect(promiseDelivery(at("2026-07-04T08:00:00Z"), berlin, 1)).toMatchObject({ shipDate: "2026-07-06", deliveryDate: "2026-07-07" });
    // Friday before the cut-off, 1 day: the carrier delivers on Monday, not Saturday.
    expect(promiseDelivery(at("2026-07-03T09:00:00Z"), berlin, 1)).toMatchObject({ shipDate: "2026-07-03", deliveryDate: "2026-07-06" });
  });

  it("skips holidays for shipping and for transit, and a Saturday-shipping store hands over on Saturday", () => {
    const xmas = { ...berlin, holidays: ["2026-12-24", "2026-12-25"] };
    // Wednesday 23rd after the cut-off (15:00 Berlin = 14:00 UTC in winter): 24th and 25th are off, the weekend too.
    expect(promiseDelivery(at("2026-12-23T14:00:00Z"), xmas, 1)).toMatchObject({ shipDate: "2026-12-28", deliveryDate: "2026-12-29" });
    // Tuesday 22nd before the cut-off, 2 days: the 23rd, then the 24th and 25th and the weekend are skipped.
    expect(promiseDelivery(at("2026-12-22T08:00:00Z"), xmas, 2)).toMatchObject({ shipDate: "2026-12-22", deliveryDate: "2026-12-28" });
    const store = { ...berlin, workingDays: [1, 2, 3, 4, 5, 6] as Weekday[] };
    expect(promiseDelivery(at("2026-07-04T08:00:00Z"), store, 1)).toMatchObject({ shipDate: "2026-07-04", deliveryDate: "2026-07-06" });
  });

  it("promises by the end of the delivery day in the location's zone", () => {
    const p = promiseDelivery(at("2026-07-01T08:00:00Z"), berlin, 1)!;
    expect(p.deliverBy).toBe(at("2026-07-02T22:00:00Z") - 1);
    const winter = promiseDelivery(at("2026-12-01T08:00:00Z"), berlin, 1)!;
    expect(winter.deliverBy).toBe(at("2026-12-02T23:00:00Z") - 1);
    expect(promiseDelivery(at("2026-07-01T08:00:00Z"), { ...berlin, timeZone: "America/New_York" }, 0)!.deliverBy).toBe(at("2026-07-02T04:00:00Z") - 1);
  });

  it("promises nothing when the calendar leaves no day", () => {
    const days: string[] = [];
    for (let d = dayNumberOf("2026-07-01"); d < dayNumberOf("2028-12-31"); d++) days.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
    expect(promiseDelivery(at("2026-07-01T08:00:00Z"), { ...berlin, holidays: days }, 1)).toBeNull();
  });
});

const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) as fc.Arbitrary<Weekday[]>;
const calendar: fc.Arbitrary<Calendar> = fc.record({
  timeZone: fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "Pacific/Kiritimati"),
  cutoff: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
  workingDays: weekdays,
  carrierDays: weekdays,
  holidays: fc.uniqueArray(fc.integer({ min: dayNumberOf("2026-01-01"), max: dayNumberOf("2027-03-01") }), { maxLength: 40 }).map((ds) => ds.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))),
});
const instant = fc.integer({ min: at("2026-01-01T00:00:00Z"), max: at("2027-01-01T00:00:00Z") });
const transit = fc.integer({ min: 0, max: 10 });
const localDate = (t: number, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(t);

describe("promiseDelivery, properties", () => {
  it("ships on a working day that is no holiday, never before today, and delivers on a carrier day no earlier, after now", () => {
    fc.assert(
      fc.property(instant, calendar, transit, (now, cal, days) => {
        const p = promiseDelivery(now, cal, days)!;
        expect(p).not.toBeNull();
        expect(p.shipDate >= localDate(now, cal.timeZone)).toBe(true);
        expect(cal.workingDays).toContain(weekdayOf(dayNumberOf(p.shipDate)));
        expect(cal.holidays).not.toContain(p.shipDate);
        expect(p.deliveryDate >= p.shipDate).toBe(true);
        expect(cal.holidays).not.toContain(p.deliveryDate);
        if (days > 0) expect(cal.carrierDays).toContain(weekdayOf(dayNumberOf(p.deliveryDate)));
        expect(p.deliverBy).toBeGreaterThan(now);
        expect(localDate(p.deliverBy, cal.timeZone)).toBe(p.deliveryDate);
      }),
      { numRuns: 300 },
    );
  });

  it("is monotonic: ordering later, or a slower service, never promises an earlier day", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 5 * 86_400_000 }), calendar, transit, fc.integer({ min: 0, max: 5 }), (now, later, cal, days, slower) => {
        const first = promiseDelivery(now, cal, days)!;
        expect(promiseDelivery(now + later, cal, days)!.deliveryDate >= first.deliveryDate).toBe(true);
        expect(promiseDelivery(now, cal, days + slower)!.deliveryDate >= first.deliveryDate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
