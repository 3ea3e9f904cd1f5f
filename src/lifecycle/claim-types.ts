/**
 * One thing a memory asserts about a subject.
 *
 * @example
 * // "Alice lives in Paris"
 * ({ subject: 'alice', attribute: 'residence', value: 'paris', polarity: 1, exclusive: true })
 */
export interface Claim {
  /** Who it is about: an entity key (`entityKey`), the key of `context.self` for first-person text, or `<owner>'s <relation>` for an unnamed unique relative ("alice's mother"). */
  subject: string
  /** What about them: one of the attributes in `ATTRIBUTES`, some with a `:<qualifier>` ("favourite:color", "likes:sushi"). */
  attribute: string
  /** The normalised value ('paris', 'google', 'nurse', '34'); for `likes:<object>` claims, the object. */
  value: string
  /** 1 asserted, -1 negated ("no longer lives in Paris", "doesn't like sushi", "hates sushi"). */
  polarity: 1 | -1
  /** True when the attribute holds one value at a time, so a different asserted value contradicts. */
  exclusive: boolean
}

/** A claim before its subject is known: what a predicate says. */
export interface ClaimDraft {
  attribute: string
  value: string
  polarity: 1 | -1
}

/**
 * The closed attribute vocabulary, each with whether it holds one value at a time.
 * A qualifier after a colon refines the base attribute: place attributes take
 * `:country` or `:region` for countries and states (so "lives in France" and "lives in
 * Paris" do not contradict), `favourite:<thing>`, `likes:<object>`, `allergy:<object>`,
 * `owns:<thing>`, `pet:<species>` (value: the pet's name), `email:<kind>`, `phone:<kind>`,
 * `takes:<drink>`, `count:<thing>`, and `occupation:<employer>`, which (unlike bare
 * `occupation`) holds one title at a time: a promotion replaces it.
 */
export const ATTRIBUTES: Readonly<
  Record<string, { exclusive: boolean; about: string; qualifiedExclusive?: boolean }>
> = {
  residence: { exclusive: true, about: 'where they live now' },
  origin: { exclusive: true, about: 'where they are from ("I\'m from X")' },
  hometown: { exclusive: true, about: 'where they grew up' },
  birthplace: { exclusive: true, about: 'where they were born' },
  employer: { exclusive: true, about: "who they work for; 'self-employed' for themselves" },
  occupation: {
    exclusive: false,
    qualifiedExclusive: true,
    about:
      'a job title from a closed list; people hold several, but occupation:<employer> is the one title held there now',
  },
  school: { exclusive: true, about: 'where they study now' },
  'alma mater': { exclusive: false, about: 'where they studied or graduated' },
  relationship: {
    exclusive: true,
    about: 'single, in a relationship, engaged, married, separated, divorced, widowed',
  },
  partner: { exclusive: true, about: 'the person they are with' },
  age: { exclusive: true, about: 'years, as digits' },
  birthday: { exclusive: true, about: 'MM-DD' },
  name: { exclusive: true, about: 'given name' },
  nickname: { exclusive: true, about: 'what they like to be called' },
  email: { exclusive: true, about: 'an email address, lower case' },
  phone: { exclusive: true, about: 'a phone number, digits only' },
  diet: { exclusive: true, about: 'vegan, vegetarian, pescatarian or omnivore' },
  allergy: { exclusive: false, about: 'allergy:<object>, value the object' },
  favourite: { exclusive: true, about: 'favourite:<thing>, value the favourite' },
  likes: { exclusive: false, about: 'likes:<object>, value the object; -1 for dislikes' },
  owns: { exclusive: false, about: 'owns:<thing> for pets, vehicles and homes, value the thing' },
  pet: { exclusive: false, about: "pet:<species>, value the pet's name" },
  car: { exclusive: true, about: 'the make (and model) they drive' },
  takes: { exclusive: true, about: 'takes:<drink>, how they take it: "black", "oat milk"' },
  count: {
    exclusive: true,
    about: 'count:<thing>, how many pets, vehicles or children they have, as digits',
  },
}

/** Whether `attribute` (with or without a qualifier) holds one value at a time. */
export function isExclusive(attribute: string): boolean {
  const colon = attribute.indexOf(':')
  const known = ATTRIBUTES[colon < 0 ? attribute : attribute.slice(0, colon)]
  return (colon >= 0 && known?.qualifiedExclusive) || (known?.exclusive ?? false)
}
