// Country and currency codes checked against the standards' lists, not just their shape: "LD" looks like a country
// and "EUX" like a currency, and a carrier, a tax rule or a payment provider would refuse either later. The lists come
// from maintained packages (iso-3166-1: ISO 3166-1; currency-codes: ISO 4217, from the maintenance agency's XML).
import { z } from "@hono/zod-openapi";
import { codes as currencyCodes } from "currency-codes";
import { all as allCountries } from "iso-3166-1";

const COUNTRIES = new Set(allCountries().map((c) => c.alpha2));
const CURRENCIES = new Set(currencyCodes());

export const isCountryCode = (code: string) => COUNTRIES.has(code);
export const isCurrencyCode = (code: string) => CURRENCIES.has(code);

/** ISO 3166-1 alpha-2, in capitals. The pattern stays in the document; the list is checked here. */
export const CountryCode = z
  .string()
  // abort: a value of the wrong shape gets one error, not a second one from the list.
  .regex(/^[A-Z]{2}$/, { message: "Use an ISO 3166-1 alpha-2 country code, e.g. DE", abort: true })
  .refine(isCountryCode, { message: "Not an ISO 3166-1 alpha-2 country code" })
  .openapi({ description: "ISO 3166-1 alpha-2 country code.", example: "DE" });

/** ISO 4217 alphabetic code, in capitals. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: "Use an ISO 4217 code, e.g. EUR", abort: true })
  .refine(isCurrencyCode, { message: "Not an ISO 4217 currency code" })
  .openapi({ description: "ISO 4217 currency code.", example: "EUR" });
