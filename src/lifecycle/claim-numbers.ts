const UNITS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  )
const TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ')

/**
 * A whole number written in digits or words at the start of `text` ("34", "thirty-four",
 * "twenty one"), with what follows it; null if there is none.
 *
 * @example
 * leadingNumber('thirty-four years old') // { n: 34, after: ' years old' }
 */
export function leadingNumber(text: string): { n: number; after: string } | null {
  const t = text.trimStart()
  const digits = /^(\d{1,3})(?![\d.,:'/%])/.exec(t)
  if (digits) return { n: Number(digits[1]), after: t.slice(digits[0].length) }
  const words = /^([a-z]+)(?:[\s-]+([a-z]+))?\b/i.exec(t)
  if (!words) return null
  const first = (words[1] ?? '').toLowerCase()
  const tens = TENS.indexOf(first)
  if (tens >= 0) {
    const unit = UNITS.indexOf((words[2] ?? '').toLowerCase())
    if (unit > 0 && unit < 10) return { n: (tens + 2) * 10 + unit, after: t.slice(words[0].length) }
    return { n: (tens + 2) * 10, after: t.slice(first.length) }
  }
  const unit = UNITS.indexOf(first)
  return unit > 0 ? { n: unit, after: t.slice(first.length) } : null
}

const MONTHS = 'january february march april may june july august september october november december'.split(
  ' ',
)

function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '')
  if (w.length < 3) return 0
  const i = MONTHS.findIndex((m) => m.startsWith(w) && (w.length >= 3 || m === w))
  return w === 'sept' ? 9 : i + 1
}

const pad = (n: number) => String(n).padStart(2, '0')
const MONTH = '([a-z]{3,9})\\.?'
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?'
const MONTH_DAY = new RegExp(`^(?:on\\s+)?${MONTH}\\s+(?:the\\s+)?${DAY}\\b`, 'i')
const DAY_MONTH = new RegExp(`^(?:on\\s+)?(?:the\\s+)?${DAY}(?:\\s+of)?\\s+${MONTH}\\b`, 'i')
const ISO = /^(?:on\s+)?\d{4}-(\d{2})-(\d{2})\b/

/**
 * A calendar day at the start of `text` as 'MM-DD' ("March 3rd", "3 March",
 * "the 3rd of March", "1990-03-03"); numeric forms like "3/4" are ambiguous and left out.
 *
 * @example
 * leadingDay('on the 3rd of March') // '03-03'
 */
export function leadingDay(text: string): string | null {
  const t = text.trimStart()
  const iso = ISO.exec(t)
  let month = 0
  let day = 0
  if (iso) [month, day] = [Number(iso[1]), Number(iso[2])]
  else {
    const md = MONTH_DAY.exec(t)
    const dm = DAY_MONTH.exec(t)
    if (md && monthOf(md[1] ?? '') > 0) [month, day] = [monthOf(md[1] ?? ''), Number(md[2])]
    else if (dm) [month, day] = [monthOf(dm[2] ?? ''), Number(dm[1])]
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  return `${pad(month)}-${pad(day)}`
}

/** An email address at the start of `text`, lower-cased, or null. */
export function leadingEmail(text: string): string | null {
  const m = /^\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/.exec(text)
  return m ? (m[1] ?? '').toLowerCase().replace(/\.$/, '') : null
}

/** A phone number at the start of `text` as digits (a leading "+" kept), 7 to 15 digits, or null. */
export function leadingPhone(text: string): string | null {
  const m = /^\s*(\+?\(?\d[\d\s().-]{5,}\d)/.exec(text)
  if (!m) return null
  const raw = m[1] ?? ''
  const digits = raw.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) return null
  return (raw.startsWith('+') ? '+' : '') + digits
}
