import { describe, expect, it } from 'vitest'
import { stripMarkup } from './strip-markup.js'

describe('stripMarkup', () => {
  it.each([
    ['inline tags go, their text stays', 'Tuesday <b>at noon</b>', 'Tuesday at noon'],
    ['attributes, quoted > included', '<a href="/x?a>b" title=\'t\'>Carol</a>', 'Carol'],
    ['self-closing and upper case', 'one<BR/>two<Img src=x />', 'one\ntwo'],
    ['block elements keep words apart', '<ul><li>Paris</li><li>Berlin</li></ul>', '\n\nParis\n\nBerlin\n\n'],
    ['scripts and styles with their content', 'x<script type="module">alert("<b>")</script>y', 'xy'],
    ['a style element', '<style>p { color: red }</style>Hello', 'Hello'],
    ['comments', 'a <!-- Berlin --> b', 'a  b'],
    [
      'character references',
      'Mel &amp; Tom&#39;s &#x43;af&eacute; &lt;3&nbsp;!',
      "Mel & Tom's Caf&eacute; <3 !",
    ],
    ['an impossible code point', 'a&#0;b&#xD800;c', 'a b c'],
  ])('%s', (_label, text, plain) => {
    expect(stripMarkup(text)).toBe(plain)
  })

  it.each([
    ['plain text', 'Alice moved to Berlin in March 2024'],
    ['comparisons', '3 < 5 and 7 > 2, so x<y'],
    ['a chat log with names in angle brackets', '<Alice> hi there <Bob>'],
    ['a tag that is not HTML', 'see <Component prop="x"> in the docs'],
    ['an unclosed script is only a word', 'I love the <script tag'],
    ['an unterminated comment', 'a <!-- b'],
  ])('leaves %s as written', (_label, text) => {
    expect(stripMarkup(text)).toBe(text)
  })

  it('drops only the tag of a script that is never closed', () => {
    expect(stripMarkup('I wrote <script> in the docs')).toBe('I wrote  in the docs')
  })
})
