/** What a verb form can be: present (base or -s), simple past, participle, -ing. */
export const PRESENT = 1
export const PAST = 2
export const PARTICIPLE = 4
export const ING = 8

/** base, -s, past, participle, -ing: every verb a claim pattern names. */
const TABLE = `live lives lived lived living
reside resides resided resided residing
work works worked worked working
move moves moved moved moving
relocate relocates relocated relocated relocating
settle settles settled settled settling
join joins joined joined joining
leave leaves left left leaving
quit quits quit quit quitting
resign resigns resigned resigned resigning
retire retires retired retired retiring
start starts started started starting
become becomes became become becoming
turn turns turned turned turning
get gets got gotten getting
go goes went gone going
marry marries married married marrying
divorce divorces divorced divorced divorcing
date dates dated dated dating
break breaks broke broken breaking
split splits split split splitting
drive drives drove driven driving
have has had had having
adopt adopts adopted adopted adopting
buy buys bought bought buying
sell sells sold sold selling
like likes liked liked liking
love loves loved loved loving
enjoy enjoys enjoyed enjoyed enjoying
adore adores adored adored adoring
hate hates hated hated hating
dislike dislikes disliked disliked disliking
detest detests detested detested detesting
despise despises despised despised despising
loathe loathes loathed loathed loathing
eat eats ate eaten eating
follow follows followed followed following
study studies studied studied studying
attend attends attended attended attending
graduate graduates graduated graduated graduating
teach teaches taught taught teaching
grow grows grew grown growing
come comes came come coming
hail hails hailed hailed hailing
call calls called called calling
take takes took taken taking
accept accepts accepted accepted accepting
give gives gave given giving
cut cuts cut cut cutting
drop drops dropped dropped dropping
switch switches switched switched switching
change changes changed changed changing
update updates updated updated updating
separate separates separated separated separating
drink drinks drank drunk drinking
prefer prefers preferred preferred preferring`

const FORMS: ReadonlyMap<string, number> = (() => {
  const out = new Map<string, number>()
  for (const line of TABLE.split('\n')) {
    const [base = '', s = '', past = '', pp = '', ing = ''] = line.split(' ')
    const add = (word: string, flag: number) => out.set(word, (out.get(word) ?? 0) | flag)
    add(base, PRESENT)
    add(s, PRESENT)
    add(past, PAST)
    add(pp, PARTICIPLE)
    add(ing, ING)
  }
  return out
})()

const BASES: ReadonlyMap<string, readonly string[]> = new Map(
  TABLE.split('\n').map((line) => {
    const forms = line.split(' ')
    return [forms[0] ?? '', forms]
  }),
)

/**
 * A regex alternation of every form of the given verbs, for building patterns.
 *
 * @example
 * verbForms('live') // 'live|lives|lived|living'
 */
export function verbForms(...bases: string[]): string {
  const all = new Set<string>()
  for (const base of bases) for (const form of BASES.get(base) ?? [base]) all.add(form)
  return [...all].join('|')
}

/** The form flags of a word (PRESENT | PAST | PARTICIPLE | ING), 0 if it is not in the table. */
export function formOf(word: string): number {
  return FORMS.get(word.toLowerCase()) ?? 0
}

/** True for a past participle, in the table or regular ("-ed"): what may follow "have". */
export function isParticiple(word: string): boolean {
  const w = word.toLowerCase()
  return (
    (formOf(w) & PARTICIPLE) !== 0 ||
    /^(?:been|got|gone|known|done|seen|made|had)$/.test(w) ||
    /..ed$/.test(w)
  )
}
