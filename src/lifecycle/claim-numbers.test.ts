import { describe, expect, it } from 'vitest'
import { leadingDay, leadingEmail, leadingNumber, leadingPhone } from './claim-numbers.js'

describe('leadingNumber', () => {
  it.each([
    ['34', 34],
    ['34 years old', 34],
    ['thirty-four', 34],
    ['twenty one now', 21],
    ['seven', 7],
    ["5'9", null],
    ['100%', null],
    ['3.5 miles', null],
    ['fine', null],
  ])('%s -> %s', (text, want) => {
    expect(leadingNumber(text)?.n ?? null).toBe(want)
  })
})

describe('leadingDay', () => {
  it.each([
    ['March 3rd', '03-03'],
    ['on March 3, 1990', '03-03'],
    ['3 March', '03-03'],
    ['the 3rd of March', '03-03'],
    ['on the 21st of Dec.', '12-21'],
    ['Sept 9', '09-09'],
    ['1990-03-14', '03-14'],
    ['3/4', null],
    ['in March', null],
    ['March 45', null],
    ['today', null],
  ])('%s -> %s', (text, want) => {
    expect(leadingDay(text)).toBe(want)
  })
})

describe('leadingEmail and leadingPhone', () => {
  it.each([
    ['Alice@Example.com.', 'alice@example.com', null],
    ['+1 (555) 123-4567', null, '+15551234567'],
    ['555-123-4567 anytime', null, '5551234567'],
    ['5 pm', null, null],
  ])('%s', (text, email, phone) => {
    expect(leadingEmail(text)).toBe(email)
    expect(leadingPhone(text)).toBe(phone)
  })
})
