// What travels on the queues: an envelope with an id (consumers are idempotent by it), a type and its data.
import { z } from "zod";

export const JOB_TYPES = ["create_fulfillments", "make_label", "dispatch_event", "deliver_webhook", "send_notification", "render_document", "allocate_backorders", "sync_stock", "deliver_stock", "reconcile_stock", "ingest_channel_event", "import_chunk", "settle_payment", "send_third_party_request"] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JobSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(JOB_TYPES),
  data: z.record(z.string(), z.unknown()),
});
export type Job = z.infer<typeof JobSchema>;

/** Which queue carries which job: re-driving a dead letter sends it back where it came from. */
export const QUEUE_OF: Record<JobType, "FULFILLMENT" | "LABELS" | "NOTIFICATIONS" | "INGEST" | "SYNC"> = {
  create_fulfillments: "FULFILLMENT",
  make_label: "LABELS",
  dispatch_event: "NOTIFICATIONS",
  deliver_webhook: "NOTIFICATIONS",
  send_notification: "NOTIFICATIONS",
  render_document: "LABELS",
  allocate_backorders: "FULFILLMENT",
  sync_stock: "SYNC",
  deliver_stock: "SYNC",
  reconcile_stock: "SYNC",
  ingest_channel_event: "INGEST",
  import_chunk: "INGEST",
  settle_payment: "FULFILLMENT",
  send_third_party_request: "FULFILLMENT",
};

/** A job id that names the work, not the send: the same work enqueued twice is done once. */
export const job = (type: JobType, key: string, data: Record<string, unknown>): Job => ({ id: `${type}:${key}`, type, data });
