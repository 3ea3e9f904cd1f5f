/**
 * Reads an OpenAI-style embeddings response (`{ data: [{ index, embedding }] }`)
 * into unit-length vectors in input order. Throws an `Error` saying exactly what
 * is wrong: not JSON, wrong count, duplicate or out-of-range index, wrong length,
 * a value that is not a finite number, or a zero vector.
 */
export function parseEmbeddings(text: string, count: number, size: number | undefined): Float32Array[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new Error(`response is not valid JSON: ${text.slice(0, 100)}`)
  }
  const data = (body as { data?: unknown } | null)?.data
  if (!Array.isArray(data)) throw new Error('response has no "data" array')
  if (data.length !== count) throw new Error(`expected ${count} embeddings, got ${data.length}`)
  const out: Float32Array[] = new Array(count)
  data.forEach((item: { index?: unknown; embedding?: unknown } | null, position) => {
    const index = item?.index ?? position
    if (
      !Number.isInteger(index) ||
      (index as number) < 0 ||
      (index as number) >= count ||
      out[index as number]
    ) {
      throw new Error(
        `embedding ${position} has a missing, duplicate or out-of-range index: ${String(index)}`,
      )
    }
    out[index as number] = unitVector(item?.embedding, size, index as number)
  })
  return out
}

function unitVector(embedding: unknown, size: number | undefined, index: number): Float32Array {
  if (!Array.isArray(embedding) || embedding.length === 0) {
    throw new Error(`embedding ${index} is not a non-empty array of numbers`)
  }
  if (size !== undefined && embedding.length !== size) {
    throw new Error(`embedding ${index} has ${embedding.length} dimensions, expected ${size}`)
  }
  let norm = 0
  for (const value of embedding) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`embedding ${index} holds a value that is not a finite number: ${String(value)}`)
    }
    norm += value * value
  }
  norm = Math.sqrt(norm)
  if (!(norm > 0) || !Number.isFinite(norm))
    throw new Error(`embedding ${index} cannot be normalised (norm ${norm})`)
  return Float32Array.from(embedding as number[], (value) => value / norm)
}
