import { describe, expect, it } from 'vitest'
import { toThirdPerson } from './to-third-person.js'

describe('toThirdPerson', () => {
  it.each([
    ['I adopted a dog.', 'Caroline adopted a dog.'],
    ['I take her to the park every morning.', 'Caroline takes her to the park every morning.'],
    ['I also study chemistry.', 'Caroline also studies chemistry.'],
    ["I don't really like sushi.", "Caroline doesn't really like sushi."],
    ['I usually go swimming on Sundays.', 'Caroline usually goes swimming on Sundays.'],
    ['I need a break from work.', 'Caroline needs a break from work.'],
    ["I'm a nurse.", 'Caroline is a nurse.'],
    ['im a teacher', 'Caroline is a teacher'],
    ["I've got two cats.", 'Caroline has got two cats.'],
    ["I'll start pottery soon.", 'Caroline will start pottery soon.'],
    ["I'd love to visit Japan.", 'Caroline would love to visit Japan.'],
    ["I'd never been to Paris before.", 'Caroline had never been to Paris before.'],
    ["I'd better call my mom.", "Caroline had better call Caroline's mom."],
    ['I’m vegan and I’ve been for years.', 'Caroline is vegan and Caroline has been for years.'],
    ['My sister lives in Boston.', "Caroline's sister lives in Boston."],
    ['That blue bike is mine.', "That blue bike is Caroline's."],
    ['Mel taught me pottery.', 'Mel taught Caroline pottery.'],
    ['I taught myself to paint.', 'Caroline taught Caroline to paint.'],
    ['I went hiking by myself.', 'Caroline went hiking alone.'],
    ['My sister and I love our new house.', "Caroline's sister and Caroline love their new house."],
    ['Mel and I are roommates.', 'Mel and Caroline are roommates.'],
    ['I have a cat and I watch TV a lot.', 'Caroline has a cat and Caroline watches TV a lot.'],
    ['We went camping with our kids.', 'Caroline and others went camping with their kids.'],
    ["We're moving to Denver.", 'Caroline and others are moving to Denver.'],
    ['Our dog died last year.', "Caroline's dog died last year."],
    ['They invited us to the wedding.', 'They invited Caroline and others to the wedding.'],
    ['i live in boston', 'Caroline lives in boston'],
    ['Went to the gym with my sister.', "Caroline went to the gym with Caroline's sister."],
    ['Just got back from Paris.', 'Caroline just got back from Paris.'],
    ['Gonna visit my grandma in Ohio.', "Caroline is going to visit Caroline's grandma in Ohio."],
    ['Excited to start the new job.', 'Excited to start the new job.'],
    ['I read that book last year.', 'Caroline read that book last year.'],
    ['I read a book every week.', 'Caroline reads a book every week.'],
    ['The US team won.', 'The US team won.'],
    ['I-95 was jammed.', 'I-95 was jammed.'],
  ])('%j', (sentence, expected) => {
    expect(toThirdPerson(sentence, 'Caroline')).toBe(expected)
  })
})
