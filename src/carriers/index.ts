// The adapter for an account.
import type { Carrier, CarrierAccount } from "./carrier";
import { easyPost } from "./easypost";
import { ownCourier } from "./own";
import { shippo } from "./shippo";

export function carrierFor(db: D1Database, account: CarrierAccount): Carrier {
  switch (account.provider) {
    case "easypost":
      return easyPost(account);
    case "shippo":
      return shippo(account);
    case "own":
      return ownCourier(db, account);
  }
}
