/** What opens a clause before its subject. */
export interface Lead {
  /** The clause from its subject on. */
  rest: string
  /** A future or hedged opening ("next year", "maybe"): nothing in the clause is asserted. */
  hypothetical: boolean
  /** A condition or time clause ("if ...", "when ..."): the clause is not a statement. */
  skip: boolean
}

const FILLER =
  /^(?:and then|and now|oh and|by the way|just so you know|for the record|for context|heads up|fun fact|guess what|as of (?:now|today)|these days|at the moment|right now|since then|in fact|of course|and|but|or|so|also|oh|well|actually|btw|fyi|anyway|anyways|yeah|yep|yes|no|nope|ok|okay|hey|hi|hello|um|uh|hmm|lol|haha|now|currently|recently|finally|just|today|nowadays|lately|then|plus|update|news|honestly|basically|ps|p\.s\.|nor|though|too)\b[,:!-]?\s*/i
const PAST_TIME =
  /^(?:(?:last|this|earlier this) (?:year|month|week|summer|spring|fall|autumn|winter|weekend|morning)|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a couple of|couple of|\d+) (?:days?|weeks?|months?|years?|decades?) ago|yesterday|(?:back )?in (?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|december)|since (?:\d{4}|then|last \w+))\b[,]?\s*/i
/** "Sadly I left Google": an -ly word before the speaker opens the clause. */
const STANCE = /^\p{L}+ly,?\s+(?=(?:i|we|my|our)\b)/iu
const HEDGED =
  /^(?:next|tomorrow|soon|someday|one day|eventually|hopefully|maybe|perhaps|probably|possibly|apparently|supposedly|allegedly|rumou?r has it|in (?:a|an|one|two|three|four|five|six|a few|several|\d+) (?:days?|weeks?|months?|years?))\b/i
const SUBORDINATE =
  /^(?:if|unless|when|whenever|once|whether|in case|as soon as|as long as|suppose|supposing|imagine|what if|even if|assuming|let's say|say|lest|who|which|whose|where|that)\b/i
/** A future time anywhere in the clause: "I move to Berlin next month". */
const FUTURE =
  /\b(?:tomorrow|next (?:week|month|year|summer|spring|fall|autumn|winter|weekend|semester|term|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)|in (?:a|an|one|two|three|four|five|six|a few|a couple of|several|\d+) (?:days?|weeks?|months?|years?)(?! ago)|soon|someday|one day|eventually|by the end of)\b/i

/**
 * Strips what opens a clause before its subject: fillers ("btw", "oh and"), past time
 * phrases ("last year,", "two years ago"). Future and hedged openings, and a future time
 * anywhere, make the clause hypothetical; "if"/"when" clauses and relative clauses are skipped.
 *
 * @example
 * stripLead('Oh and last year I moved to Berlin') // { rest: 'I moved to Berlin', hypothetical: false, skip: false }
 */
export function stripLead(text: string): Lead {
  let rest = text.trim()
  for (;;) {
    const m = FILLER.exec(rest) ?? PAST_TIME.exec(rest) ?? STANCE.exec(rest)
    if (!m || m[0].length === 0) break
    rest = rest.slice(m[0].length)
  }
  return { rest, hypothetical: HEDGED.test(rest) || FUTURE.test(text), skip: SUBORDINATE.test(rest) }
}
