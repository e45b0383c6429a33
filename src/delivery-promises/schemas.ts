import { z } from "@hono/zod-openapi";
import { CountryCode } from "../domain/codes";
import { isTimeZone } from "./promise";

const Weekday = z.number().int().min(1).max(7).openapi({ description: "ISO weekday: 1 = Monday … 7 = Sunday." });
const Weekdays = z
  .array(Weekday)
  .min(1, "At least one day")
  .max(7)
  .transform((d) => [...new Set(d)].sort() as (1 | 2 | 3 | 4 | 5 | 6 | 7)[]);
const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Expected a date as YYYY-MM-DD")
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "Not a calendar date");

export const TransitTime = z
  .object({
    carrier: z.string().trim().min(1).max(40).openapi({ example: "dhl" }),
    service: z.string().trim().min(1).max(60).openapi({ example: "Paket" }),
    speed: z.enum(["standard", "express"]).openapi({ description: "What the shopper asks for when this service is the one to promise." }),
    location_id: z.string().max(100).nullable().openapi({ description: "From this location only; null: from any location (a location's own row wins)." }),
    country: CountryCode.openapi({ description: "Destination country." }),
    postal_prefix: z
      .string()
      .trim()
      .max(20)
      .nullable()
      .openapi({ description: "Destination postcodes starting with this; null: the whole country. The longest matching prefix wins.", example: "1" }),
    transit_days: z.number().int().min(0).max(60).openapi({ description: "Carrier working days from pickup to delivery; 0 = same day." }),
  })
  .openapi("TransitTime");

export const TransitTimes = z
  .object({ data: z.array(TransitTime).max(2000) })
  .superRefine(({ data }, ctx) => {
    const seen = new Set<string>();
    data.forEach((r, i) => {
      const k = JSON.stringify([r.carrier, r.service, r.location_id ?? "", r.country, (r.postal_prefix ?? "").toUpperCase()]);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: ["data", i], message: "The same service, origin and zone appears twice" });
      seen.add(k);
    });
  })
  .openapi("TransitTimes");

export const CalendarInput = z
  .object({
    time_zone: z.string().refine(isTimeZone, "Not an IANA time zone").openapi({ example: "Europe/Berlin" }),
    cutoff: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Expected local time as HH:MM")
      .openapi({ description: "Orders placed before this local time leave the same working day.", example: "14:00" }),
    working_days: Weekdays.openapi({ description: "Weekdays the location ships.", example: [1, 2, 3, 4, 5] }),
    carrier_days: Weekdays.default([1, 2, 3, 4, 5]).openapi({ description: "Weekdays the carriers move and deliver parcels; transit days count these. Default Monday–Friday." }),
    holidays: z
      .array(LocalDate)
      .max(400)
      .default([])
      .transform((d) => [...new Set(d)].sort())
      .openapi({ description: "Local dates the location ships nothing and carriers deliver nothing (its country's public holidays).", example: ["2026-12-25"] }),
  })
  .openapi("DeliveryCalendarInput");

export const DeliveryCalendar = z
  .object({
    location_id: z.string(),
    time_zone: z.string(),
    cutoff: z.string(),
    working_days: z.array(Weekday),
    carrier_days: z.array(Weekday),
    holidays: z.array(z.string()),
    is_default: z.boolean().openapi({ description: "True while the merchant has set none: UTC, 14:00, Monday–Friday, no holidays." }),
  })
  .openapi("DeliveryCalendar");

export const LocationPath = z.object({ location_id: z.string().min(1).max(100) });
