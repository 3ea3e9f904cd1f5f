import { entityKey } from '../extract/entity-key.js'
import { leadingEmail, leadingPhone } from './claim-numbers.js'
import { placeAttribute } from './claim-places.js'
import { whichever } from './claim-rule.js'
import { partnerClaims } from './claim-rules-pairs.js'
import type { Claim } from './claim-types.js'
import { isExclusive } from './claim-types.js'
import { favouriteAttribute, objectValue, personValue, placeValue, type Value } from './claim-values.js'

const FAVOURITE_LAST =
  /^(.+?)\s+(?:is|are)\s+(my|our|[\p{L}]+'s)\s+(?:(?:all-time|absolute|current|personal|ultimate|very)\s+)?(?:favou?rite|fave|fav)\s+([\p{L}]+(?:\s+[\p{L}]+)?)(?:\s+(?:now|ever|of all time))?$/iu
const PLACE_IS_HOME = /^(.+?)\s+is\s+(?:now\s+)?(my|our|[\p{L}]+'s)\s+(home|hometown)(?:\s+now)?$/iu
const WHERE_I_LIVE = /^(.+?)\s+is\s+where\s+(?:I|we)\s+(?:now\s+)?live(?:\s+now)?$/iu
const CALL_ME =
  /^(?:please\s+|just\s+|you\s+can\s+|everyone\s+|everybody\s+|people\s+|my\s+friends\s+)?calls?\s+me\s+(.+)$/iu
const REACH_ME =
  /^(?:you\s+can\s+|feel\s+free\s+to\s+|please\s+)?(?:email|e-mail|mail|reach|contact|text|call|message|ping)\s+me\s+(?:at|on|via)\s+(.+)$/iu

function claim(subject: string, attribute: string, value: string): Claim {
  return { subject, attribute, value, polarity: 1, exclusive: isExclusive(attribute) }
}

/** The subject a possessive names: "my" and "our" are the user's own. */
function owner(word: string, self: string): string {
  return /^(?:my|our)$/i.test(word) ? self : entityKey(word)
}

/** The value if nothing follows it. */
const whole = (value: Value | null): Value | null => (value?.after.trim() === '' ? value : null)

/** "Paris is my home": the place must be all of the clause's start. */
function home(text: string, subject: string, base: string, cased: boolean): Claim[] {
  const value = whole(placeValue(text, cased))
  return value ? [claim(subject, placeAttribute(base, value.value), value.value)] : []
}

/**
 * Claims of clauses that do not start with their subject: "Blue is my favourite colour",
 * "Paris is my home", "Paris is where I live", "Call me Al", "Email me at a@b.co",
 * "Priya is Frank's girlfriend".
 * Null when the clause has none of these shapes.
 */
export function clauseClaims(text: string, self: string, cased: boolean): Claim[] | null {
  const partner = partnerClaims(text, self, cased)
  if (partner) return partner
  return whichever<Claim[]>(text, [
    [
      FAVOURITE_LAST,
      (m) => {
        const value = whole(objectValue(m[1] ?? '', cased, 5))
        return value
          ? [claim(owner(m[2] ?? '', self), favouriteAttribute((m[3] ?? '').split(/\s+/)), value.value)]
          : []
      },
    ],
    [
      PLACE_IS_HOME,
      (m) =>
        home(
          m[1] ?? '',
          owner(m[2] ?? '', self),
          m[3]?.toLowerCase() === 'hometown' ? 'hometown' : 'residence',
          cased,
        ),
    ],
    [WHERE_I_LIVE, (m) => home(m[1] ?? '', self, 'residence', cased)],
    [
      REACH_ME,
      (m) => {
        const email = leadingEmail(m[1] ?? '')
        const phone = email ? null : leadingPhone(m[1] ?? '')
        if (email) return [claim(self, 'email', email)]
        return phone ? [claim(self, 'phone', phone)] : []
      },
    ],
    [
      CALL_ME,
      (m) => {
        const name = cased ? personValue(m[1] ?? '', true) : null
        return name && name.after.trim() === '' ? [claim(self, 'nickname', name.value)] : []
      },
    ],
  ])
}
