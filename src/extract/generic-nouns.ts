/**
 * Nouns too general to identify anything: linking memories by "thing" or "time" would
 * tie everything to everything. Also chat fillers that taggers read as nouns.
 */
export const GENERIC_NOUNS: ReadonlySet<string> = new Set(
  `thing things stuff time times day days week weeks month months year years lot lots way ways kind
  kinds sort sorts bit bits part parts piece pieces place places moment moments point points fact
  facts reason reasons question questions answer answers idea ideas case cases end side sides number
  numbers people person guy guys folks everyone everybody everything someone somebody something anyone
  anybody anything nobody nothing one ones other others today tonight tomorrow yesterday morning
  evening night afternoon weekend while yeah yes no ok okay lol omg haha hey hi hello thanks thank
  please sorry wow cool hmm mr mrs ms dr sir madam man woman men women kid kids lots tons bunch
  couple few half whole rest type types matter matters deal issue issues problem problems situation
  feeling feelings experience experiences life world name names area areas level levels amount
  chance chances sense use uses form step steps group groups course example examples detail details
  story stories info information news update updates note notes sure first last next spring
  summer autumn fall winter`.split(/\s+/),
)
