// Staff who sign in to the dashboard in the browser tests: made by the owner's API (POST /v1/staff-users), each with a
// fresh random password.
import { randomBytes } from "node:crypto";
import { Api, expectStatus } from "../../scripts/lib/http";
import type { Role } from "../../src/staff/roles";

export interface Login {
  id: string;
  email: string;
  password: string;
  name: string;
}

export async function addStaff(api: Api, who: { email: string; name: string; role: Role; locations?: string[] }): Promise<Login> {
  const password = `pw-${randomBytes(12).toString("hex")}`;
  const made = expectStatus("POST", "/v1/staff-users", await api.post("/v1/staff-users", { ...who, password }), 201);
  return { id: made.id, email: who.email, password, name: who.name };
}
