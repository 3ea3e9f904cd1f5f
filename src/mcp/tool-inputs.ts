import { z } from 'zod'
import {
  addInputSchema,
  contextInputSchema,
  feedbackInputSchema,
  filterSchema,
  graphInputSchema,
  idSchema,
  messageSchema,
  searchInputSchema,
  tagsSchema,
  updateInputSchema,
  userIdSchema,
} from '../schemas.js'
import type { JsonObject } from '../types.js'

/**
 * The MCP tools' input schemas, built from the library's own field schemas.
 *
 * MCP clients receive these as JSON Schema, and a few library schemas cannot be
 * written that way (dates also accept `Date` objects, metadata is a custom
 * check). Those fields are declared here as what they look like in JSON; the
 * memory still checks every input with its full schema, so the rules and the
 * messages are the library's.
 */

const isoDate = z.string().describe('An ISO 8601 date or date-time, e.g. 2024-03-02 or 2024-03-02T10:00:00Z')
// Arguments arrive as parsed JSON, so any object is a JSON object; the memory checks depth and size.
const jsonObject = (z.record(z.string(), z.unknown()) as unknown as z.ZodType<JsonObject>).describe(
  'Any JSON object, kept with the memory',
)
const user = userIdSchema.describe('The end user the memories belong to')
const memoryId = idSchema.describe('A memory id, as returned by store or recall')

const filters = filterSchema
  .extend({ from: isoDate.optional(), to: isoDate.optional() })
  .describe(
    'Narrow the results: every condition must hold. `types` and `tags` match exactly; `when` is a time ' +
      'expression such as "last week" or "in March 2024".',
  )

const message = messageSchema.extend({ createdAt: isoDate.optional() })

/** `store`: one memory in `content`, or a conversation in `messages`. */
export const storeInput = addInputSchema.extend({
  content: addInputSchema.shape.content.optional().describe('The memory, one self-contained statement'),
  userId: user,
  messages: z
    .array(message)
    .optional()
    .describe('A conversation instead of `content`: each message is kept and facts are extracted from it'),
  type: addInputSchema.shape.type.describe(
    'The kind of memory: fact (default), preference, event, episode...',
  ),
  tags: tagsSchema.optional().describe('Labels to filter on later'),
  source: addInputSchema.shape.source.describe('Where it came from: free text or a URI'),
  observedAt: isoDate.optional().describe('When it was true or said; defaults to now'),
  metadata: jsonObject.optional(),
  confidence: addInputSchema.shape.confidence.describe('0 (doubtful) to 10 (certain); defaults to 5'),
  expiresAt: isoDate.optional().describe('When to archive it automatically (time to live)'),
})

const { now: _now, recordAccess: _recordAccess, ...searchFields } = searchInputSchema.shape

/** `recall`: a search without `now` and `recordAccess`, which only the library sets. */
export const recallInput = z.strictObject({
  ...searchFields,
  query: searchFields.query.describe('What to look for, in natural language'),
  userId: user,
  limit: searchFields.limit.describe('Most memories to return (1-100)'),
  filters: filters.optional(),
  conversation: searchFields.conversation.describe('Recent conversation; its names and topics help ranking'),
  explain: searchFields.explain.describe("Add each score's components"),
  asOf: isoDate.optional().describe('Answer as things stood at this moment'),
  includeSuperseded: searchFields.includeSuperseded.describe('Also show facts that newer ones replaced'),
  includeArchived: searchFields.includeArchived.describe('Also show archived memories'),
})

const { now: _now2, recordAccess: _recordAccess2, ...contextFields } = contextInputSchema.shape

/** `context`: like recall, plus the budget and format of the block. */
export const contextInput = z.strictObject({
  ...contextFields,
  query: contextFields.query.describe('The question or task the context is for'),
  userId: user,
  filters: filters.optional(),
  conversation: contextFields.conversation.describe('Recent conversation; its names and topics help ranking'),
  maxTokens: contextFields.maxTokens.describe('Token budget of the block'),
  format: contextFields.format.describe('How the block is written'),
  asOf: isoDate.optional().describe('Answer as things stood at this moment'),
  includeSuperseded: contextFields.includeSuperseded.describe('Also use facts that newer ones replaced'),
  includeArchived: contextFields.includeArchived.describe('Also use archived memories'),
})

/** `update`: the id and the fields to change. */
export const updateInput = z.strictObject({
  id: memoryId,
  content: updateInputSchema.shape.content.describe('The new content'),
  metadata: jsonObject.optional().describe('The new metadata (replaces the old)'),
  tags: tagsSchema.optional().describe('The new tags (replace the old)'),
})

/** `forget`: an id, or a whole user with `all` and `confirm`; the tool checks the combination. */
export const forgetInput = z.strictObject({
  id: memoryId.optional().describe('The memory to forget'),
  userId: userIdSchema
    .optional()
    .describe('With `id`: the user the memory must belong to. With `all`: the user to forget entirely'),
  all: z.boolean().optional().describe('Forget every memory of `userId`; needs `confirm`'),
  confirm: z.string().optional().describe('Must equal `userId` when `all` is true'),
})

/** `graph`: an entity or a memory to centre on (the memory checks that exactly one is given). */
export const graphInput = z.strictObject({
  userId: user,
  entity: graphInputSchema.shape.entity.describe('An entity name, e.g. "Alice" or "New York"'),
  memoryId: memoryId.optional().describe('A memory whose entities to centre on (instead of `entity`)'),
  limit: graphInputSchema.shape.limit.describe('Most memories to include (1-200)'),
})

/** `status`: counts for one user, or for the whole tenant. */
export const statusInput = z.strictObject({
  userId: userIdSchema.optional().describe('Count one user; omit for every user you can see'),
})

/** `snapshot`: how many recent memories to show per type. */
export const snapshotInput = z.strictObject({
  userId: user,
  perType: z.number().int().min(1).max(20).default(3).describe('Recent memories to show per type (1-20)'),
})

/** `feedback`: the library's feedback input, described for clients. */
export const feedbackInput = z.strictObject({
  memoryId,
  useful: feedbackInputSchema.shape.useful.describe('Whether the memory helped'),
  query: feedbackInputSchema.shape.query.describe('The query it was recalled for'),
  actor: feedbackInputSchema.shape.actor.describe('Who is giving the feedback'),
})
