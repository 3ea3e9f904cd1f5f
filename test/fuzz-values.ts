import fc from 'fast-check'

/*
 * The values the request fuzzer draws from: strings and JSON that have broken parsers,
 * query languages and path handling somewhere, and bodies that are not JSON at all.
 */

/** Strings that have broken parsers, query languages and path handling somewhere. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '"',
  '""',
  "'",
  '*',
  'tea*',
  '-tea',
  'NEAR(',
  'NEAR(tea coffee, 2)',
  'tea AND coffee OR NOT milk',
  'content: tea',
  '^tea',
  '{content}',
  "'; DROP TABLE memories; --",
  '" OR 1=1 --',
  '%',
  '_',
  '%_%',
  '\\',
  '\u0000',
  'a\u0000b',
  '../',
  '..%2f',
  '%2e%2e%2f',
  '../../etc/passwd',
  '..\\..\\windows',
  '%ff',
  '%',
  '\uFFFF',
  '\uD800',
  '🍎🙂',
  'ünïcödé 東京',
  '\u202Eevil',
  '<script>alert(1)</script>',
  '</memories>',
  'null',
  'NaN',
  'Infinity',
  '-0',
  '1e999',
  '$1',
  ':memory:',
  '?#&=/',
  '\n\r\t\v\f',
  'x'.repeat(5000),
  'y'.repeat(70_000),
]

export const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 3000 }) },
)

/** Any JSON value, hostile strings and extreme numbers included. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, true, false, null),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value

/** Bodies that are not JSON, or JSON no schema accepts at the top level. */
export const junkBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"query":',
    '{"query": NaN}',
    '{"limit": Infinity}',
    '{"limit": -Infinity}',
    "{'single': 'quotes'}",
    '{"a":1,}',
    '[1,2',
    'nul',
    'undefined',
    '\u0000',
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {"x": 1}}}',
    'true',
    '42',
    '"just a string"',
    'null',
    '[]',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  // Invalid UTF-8: lone continuation bytes, overlong forms, truncated sequences.
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) =>
      Buffer.concat([Buffer.from('{"content":"'), Buffer.from(bytes), Buffer.from([0xc3, 0x28, 0xff])]),
    ),
  fc.integer({ min: 1000, max: 100_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 100, max: 5000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
)

/** A body a little over the 1 MiB limit. */
export const hugeBody = fc.constant(JSON.stringify({ content: 'z'.repeat(1024 * 1024 + 16), userId: 'u' }))
