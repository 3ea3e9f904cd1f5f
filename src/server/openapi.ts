import { z } from 'zod'
import { HTTP_STATUS } from '../errors.js'
import type { Route } from './router.js'

const PACKAGE_VERSION = '0.1.0'

type Json = Record<string, unknown>

const schemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'input'): Json =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json

const errorSchema: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(HTTP_STATUS) },
        message: { type: 'string' },
        details: { type: 'object' },
      },
    },
  },
}

function operation(route: Route): Json {
  const parameters: Json[] = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  if (route.query) {
    const query = schemaOf(route.query) as { properties?: Record<string, Json>; required?: string[] }
    for (const [name, schema] of Object.entries(query.properties ?? {}))
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema })
  }
  const responses: Json = {
    [route.ok.status]: {
      description: route.ok.description,
      ...(route.ok.status === 204
        ? {}
        : {
            content: {
              [route.ok.contentType ?? 'application/json']: {
                schema: route.ok.schema ? schemaOf(route.ok.schema, 'output') : {},
              },
            },
          }),
    },
    default: {
      description: 'An error: the status follows the code (see HTTP_STATUS)',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  }
  return {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[/:](\w)/g, (_m, c: string) => c.toUpperCase())}`,
    ...(route.scope ? { security: [{ bearer: [] }], 'x-required-scope': route.scope } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } }
      : {}),
    responses,
  }
}

/** The OpenAPI 3.1 document, generated from the same route table and zod schemas the server runs. */
export function buildOpenApi(routes: readonly Route[]): Json {
  const paths: Record<string, Json> = {}
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}')
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) }
  }
  for (const [path, summary] of [
    ['/healthz', 'Liveness: the process answers'],
    ['/readyz', 'Readiness: the store answers'],
    ['/metrics', 'Prometheus metrics'],
  ] as const)
    paths[path] = { get: { summary, tags: ['operations'], responses: { 200: { description: 'OK' } } } }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Adaptive Recall API',
      version: PACKAGE_VERSION,
      description:
        'A memory layer for LLM applications. Every request but the operational ones needs a bearer API key.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema },
    },
    paths,
  }
}
