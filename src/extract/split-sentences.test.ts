import { describe, expect, it } from 'vitest'
import { splitSentences } from './split-sentences.js'

describe('splitSentences', () => {
  it.each([
    ['two plain sentences', 'I adopted a dog. Her name is Luna.', ['I adopted a dog.', 'Her name is Luna.']],
    [
      'titles do not end a sentence',
      'Dr. Lee and Mrs. Park came. St. Louis was fun.',
      ['Dr. Lee and Mrs. Park came.', 'St. Louis was fun.'],
    ],
    [
      'Latin abbreviations',
      'I love pasta, e.g. lasagna. Also i.e. stuff.',
      ['I love pasta, e.g. lasagna.', 'Also i.e. stuff.'],
    ],
    [
      'decimals and prices',
      'I ran 3.5 miles and paid $4.50. Nice.',
      ['I ran 3.5 miles and paid $4.50.', 'Nice.'],
    ],
    [
      'a.m. before lower case goes on',
      'I wake up at 6 a.m. every day. It is hard.',
      ['I wake up at 6 a.m. every day.', 'It is hard.'],
    ],
    [
      'a.m. before a capital ends',
      'The flight left at 6 a.m. Then we slept.',
      ['The flight left at 6 a.m.', 'Then we slept.'],
    ],
    ['initials', 'I read J. K. Rowling again.', ['I read J. K. Rowling again.']],
    ['a final I is no initial', 'Neither did I. Then I left.', ['Neither did I.', 'Then I left.']],
    [
      'runs of ! and ?',
      'I got the job!!! Can you believe it?! So happy.',
      ['I got the job!!!', 'Can you believe it?!', 'So happy.'],
    ],
    [
      'ellipsis before lower case goes on',
      'I was thinking... maybe pottery. Yes.',
      ['I was thinking... maybe pottery.', 'Yes.'],
    ],
    ['ellipsis before a capital ends', 'Long day… I need sleep', ['Long day…', 'I need sleep']],
    ['emoji between sentences', 'We got a puppy 🐶 She is tiny 😍', ['We got a puppy 🐶', 'She is tiny 😍']],
    ['emoji inside a sentence', 'I love pizza 🍕 and pasta.', ['I love pizza 🍕 and pasta.']],
    ['line breaks', 'Groceries\nmilk and eggs\n\nDone', ['Groceries', 'milk and eggs', 'Done']],
    ['closing quotes stay', 'She said "I quit." Then she left.', ['She said "I quit."', 'Then she left.']],
    ['"No. 5" is a number', 'I live at No. 5 Baker St. in London.', ['I live at No. 5 Baker St. in London.']],
    ['no punctuation at all', 'ok', ['ok']],
    ['only whitespace', '  \n ', []],
  ])('%s', (_label, text, expected) => {
    expect(splitSentences(text)).toEqual(expected)
  })
})
