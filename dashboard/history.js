/** A memory's history as a timeline, with Undo on lifecycle decisions. */
import { api } from './api.js'
import { act, formatDate, h, num, route } from './dom.js'

/** Events the server can reverse, once each. */
const UNDOABLE = new Set(['merged', 'superseded', 'archived', 'restored'])

const LABELS = {
  created: 'Created',
  updated: 'Edited',
  deleted: 'Deleted',
  imported: 'Imported',
  feedback: 'Feedback',
  merged: 'Restatement merged',
  superseded: 'Superseded',
  archived: 'Archived',
  restored: 'Restored',
  undone: 'Undone',
}

const memoryLink = (id) => h('a', { href: route(`/memories/${id}`) }, id)

function detailsOf(event) {
  const d = event.details ?? {}
  const parts = []
  if (d.rule) parts.push(h('span', {}, `rule ${d.rule}`))
  if (typeof d.score === 'number') parts.push(h('span', {}, `score ${num(d.score, 3)}`))
  if (typeof d.useful === 'boolean') parts.push(h('span', {}, d.useful ? 'useful' : 'not useful'))
  if (typeof d.confidenceAfter === 'number')
    parts.push(h('span', {}, `confidence ${num(d.confidenceBefore, 1)} → ${num(d.confidenceAfter, 1)}`))
  if (typeof d.by === 'string') parts.push(h('span', {}, 'by ', memoryLink(d.by)))
  if (typeof d.undoes === 'string') parts.push(h('span', {}, `re-created by undoing ${d.undoes}`))
  if (typeof d.eventId === 'string') parts.push(h('span', {}, `reverses event ${d.eventId}`))
  if (Array.isArray(d.inputs))
    for (const input of d.inputs)
      if (input && typeof input === 'object' && 'key' in input)
        parts.push(h('span', {}, `${input.key}: ${input.older ?? '?'} → ${input.newer ?? '?'}`))
  const restatement = d.restatement
  if (restatement && typeof restatement === 'object' && typeof restatement.content === 'string')
    parts.push(h('span', {}, 'restatement: ', h('q', {}, restatement.content)))
  return parts.length ? h('p', { class: 'event-details' }, parts) : null
}

function changeOf(event) {
  const before = event.before?.content
  const after = event.after?.content
  if (event.event === 'updated' && before !== undefined && after !== undefined && before !== after)
    return h(
      'div',
      { class: 'change' },
      h('p', {}, h('span', { class: 'muted' }, 'before: '), before),
      h('p', {}, h('span', { class: 'muted' }, 'after: '), after),
    )
  return null
}

/**
 * The timeline; `onChange` runs after an undo so the page can reload.
 * Events already undone show that instead of a button.
 */
export function historyTimeline(events, onChange) {
  if (events.length === 0) return h('p', { class: 'empty' }, 'No history.')
  const undone = new Set(events.filter((e) => e.event === 'undone').map((e) => e.details?.eventId))
  return h(
    'ol',
    { class: 'timeline' },
    events.map((event) => {
      const out = h('div', { class: 'out' })
      let control = null
      if (UNDOABLE.has(event.event)) {
        if (undone.has(event.id)) control = h('span', { class: 'muted' }, '(undone)')
        else {
          const button = h(
            'button',
            {
              type: 'button',
              class: 'small',
              'aria-label': `Undo ${event.event} of ${formatDate(event.at)}`,
            },
            'Undo',
          )
          button.addEventListener('click', () =>
            act(button, out, async () => {
              await api('POST', `/v1/events/${event.id}/undo`)
              onChange()
              return 'Undone.'
            }),
          )
          control = button
        }
      }
      return h(
        'li',
        { class: `event ${event.event}`, 'data-event': event.event },
        h(
          'p',
          { class: 'event-head' },
          h('strong', {}, LABELS[event.event] ?? event.event),
          ' ',
          h('time', { datetime: event.at }, formatDate(event.at)),
          h('span', { class: 'muted' }, ` by ${event.actor}`),
          ' ',
          control,
        ),
        detailsOf(event),
        changeOf(event),
        out,
      )
    }),
  )
}
