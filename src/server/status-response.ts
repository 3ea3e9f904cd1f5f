import { z } from 'zod'

const counts = z.number().int().min(0)

/** What `POST /v1/consolidate` answers and `GET /v1/status` shows as the last run. */
export const consolidationReportSchema = z.looseObject({
  dryRun: z.boolean(),
  skipped: z.boolean().optional().describe('The same pass was already running elsewhere: nothing was done'),
  startedAt: z.string(),
  finishedAt: z.string(),
  users: counts,
  scanned: counts.describe('Active memories looked at'),
  merged: counts,
  superseded: counts,
  archived: counts,
  expired: counts,
  decisions: z.array(
    z.looseObject({
      action: z.enum(['merge', 'supersede', 'archive']),
      memoryId: z.string(),
      otherId: z.string().optional().describe('The memory merged into, or the one that superseded it'),
      rule: z.string(),
    }),
  ),
  truncated: z.boolean().optional(),
})

/**
 * The body of `GET /v1/status` (`memory.status()`), for the OpenAPI document. The
 * consolidation report is described loosely: decisions carry each rule's own inputs.
 */
export const statusResponseSchema = z.object({
  memories: counts,
  users: counts,
  byStatus: z.object({ active: counts, superseded: counts, archived: counts }),
  byType: z.record(z.string(), counts),
  confidence: z.array(counts).length(5).describe('Active memories by confidence: [0–2), [2–4), …, [8–10]'),
  activation: z
    .array(counts)
    .length(10)
    .describe(
      'Active memories by base-level activation now, normalised to [0, 1]: [0, 0.1), …, [0.9, 1]. ' +
        'Bucket i is activation B in [i − 10, i − 9).',
    ),
  corroborated: counts.describe('Active memories that restatements have corroborated'),
  sizeBytes: counts.nullable(),
  lastConsolidation: consolidationReportSchema.nullable(),
})
