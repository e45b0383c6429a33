// Staff users in D1. Emails are unique without regard to case.
import { monotonicFactory } from "ulid";
import { hashPassword } from "./password";
import type { Role } from "./roles";

const ulid = monotonicFactory();

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  locations: string | null;
  password_hash: string | null;
  status: "invited" | "active" | "disabled";
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface NewStaff {
  email: string;
  name: string;
  role: Role;
  /** Warehouse users only: the locations they work at. */
  locations?: string[] | null;
  /** Set now (the first owner, tests); without it the user is invited and sets one through the invite link. */
  password?: string;
}

/** Creates the user; null when the email is taken. */
export async function createStaff(db: D1Database, input: NewStaff, now = Date.now()): Promise<StaffRow | null> {
  const id = `stf_${ulid()}`;
  const hash = input.password ? await hashPassword(input.password) : null;
  const locations = input.role === "warehouse" ? JSON.stringify(input.locations ?? []) : null;
  const row = await db
    .prepare(
      `INSERT INTO staff_users (id, email, name, role, locations, password_hash, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING *`,
    )
    .bind(id, input.email.trim(), input.name.trim(), input.role, locations, hash, hash ? "active" : "invited", now, now)
    .first<StaffRow>();
  return row ?? null;
}

export const staffById = (db: D1Database, id: string) => db.prepare("SELECT * FROM staff_users WHERE id = ?").bind(id).first<StaffRow>();
export const staffByEmail = (db: D1Database, email: string) =>
  db.prepare("SELECT * FROM staff_users WHERE email = ?").bind(email.trim()).first<StaffRow>();

/** The locations a user may work at; null means every location. */
export const locationsOf = (row: Pick<StaffRow, "role" | "locations">): string[] | null =>
  row.role === "warehouse" ? (JSON.parse(row.locations ?? "[]") as string[]) : null;
