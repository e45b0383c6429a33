-- Stock of one SKU at one location striped across several InventoryCells (src/striping/), so a flash-sale SKU is not
-- capped by one Durable Object. Stripe 0 is the SKU's ordinary cell; each row here is one more cell, named by its own
-- SKU "<sku>#<stripe>". The rows stay when striping is turned off (active = 0): a stripe may still have holds whose
-- units come back to it later, and every read that adds a SKU's stripes up keeps counting them until they are folded.
CREATE TABLE stripe_cells (
  sku TEXT NOT NULL,
  location_id TEXT NOT NULL REFERENCES locations(id),
  stripe INTEGER NOT NULL CHECK (stripe >= 1),
  -- The SKU the stripe's cell knows itself by (its inventory_levels row has it too).
  cell_sku TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (sku, location_id, stripe)
);
CREATE UNIQUE INDEX stripe_cells_cell ON stripe_cells (cell_sku, location_id);
