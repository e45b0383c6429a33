// The adapter for an account.
import type { Env } from "../env";
import type { Carrier, CarrierAccount } from "./carrier";
import { easyPost } from "./easypost";
import { ownCourier } from "./own";
import { shippo } from "./shippo";

export function carrierFor(env: Env, account: CarrierAccount): Carrier {
  switch (account.provider) {
    case "easypost":
      return easyPost(account);
    case "shippo":
      return shippo(account);
    case "own":
      return ownCourier(env, account);
  }
}
