const EMOJI =
  /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\u20e3)+/gu
const EMOTICON =
  /(?<=^|\s)(?:[:;=][-'^o]?[()DPpOo3/\\|\][*]+|<\/?3+|[xX]D+|\^_*\^|[-_o]_+[-o])(?=\s|$|[.,!?])/g
const ENDING = /[.!?…]+["'”’)\]]*$/u

/** Interjections that open a chat sentence without adding to it ("Haha, ", "Oh wow ", "So "). */
const OPENER =
  /^(?:(?:(?:oh )?my (?:god|gosh|goodness)|hey|hi|hello|hiya|yo|oh|ah|aw+|ooh|wow|whoa|omg|haha\w*|hah|hehe\w*|lol|lmao|well|so|yeah|yes|yep|yup|ok(?:ay)?|hmm+|um+|uh+|anyway[s]?|btw|honestly|actually|alright|and|but|plus|also|gosh|geez)\b(?![-'])[\s,!.…:;]*|(?:no|nope|nah|sure|right|cool|great|nice|true|totally|exactly|absolutely|definitely|awesome|amazing|indeed|man|dude)\s*[,!.…:;-]+\s*)/i

/** A greeting with the name of the person greeted: "Hey Mel, ", "Hi Caroline! ". */
const GREETING =
  /^(?:hey|hi|hello|hiya|dear|yo|morning|good (?:morning|afternoon|evening))\s+\p{Lu}[\p{L}'-]*\s*[,!.:;-]+\s*/iu

/** Laughter and fillers that trail a sentence: "..., lol", "..., you know". */
const TRAILER =
  /[\s,]*\b(?:lol|haha\w*|hehe\w*|lmao|rofl|xd|you know|ya know|y'know|i guess|though|tbh|honestly)\s*$/i

/** "you know" used as a filler between commas says nothing about the listener. */
const FILLER = /,\s*(?:you know|ya know|y'know|i mean|like)\s*,/gi

function stripRepeatedly(text: string, pattern: RegExp): string {
  let out = text
  for (let next = out.replace(pattern, ''); next !== out; next = out.replace(pattern, '')) out = next
  return out
}

/**
 * Removes what carries no fact from one sentence of chat, keeping its final punctuation:
 * emoji and emoticons, opening interjections and greetings ("Haha, ", "Hey Mel! "),
 * trailing laughter ("lol") and fillers ("you know"). Straightens apostrophes and
 * collapses whitespace. Returns '' when nothing is left.
 *
 * @example
 * cleanSentence('Haha yeah, I finally adopted a dog lol 🐶!!!') // 'I finally adopted a dog!!!'
 */
export function cleanSentence(sentence: string): string {
  let text = sentence.replace(EMOJI, ' ').replace(EMOTICON, ' ').replace(/[’‘]/g, "'")
  text = text.replace(/\s+/g, ' ').trim()
  const ending = ENDING.exec(text)?.[0] ?? ''
  let body = text.slice(0, text.length - ending.length).trim()
  for (let before = ''; before !== body; ) {
    before = body
    body = body.replace(GREETING, '').replace(OPENER, '')
  }
  body = stripRepeatedly(body, TRAILER)
    .replace(FILLER, ',')
    .replace(/^[\s,;:-]+|[\s,;:-]+$/g, '')
  return body === '' ? '' : body + ending
}
