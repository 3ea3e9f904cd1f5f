import { parseStoreUrl } from '../store/postgres/url.js'

/**
 * Drops the schema a store URL names (`?schema=`), with everything in it: a benchmark's
 * throwaway data should not stay in the database it was pointed at. `pg` is imported
 * only here, so SQLite runs never load it.
 */
export async function dropSchema(url: string): Promise<void> {
  const { connectionString, schema } = parseStoreUrl(url)
  if (schema === undefined) return
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(schema)} CASCADE`)
  } finally {
    await client.end()
  }
}
