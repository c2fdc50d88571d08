// The "Recent changes" table: the newest records of the audit trail, redrawn when it is read
// again (with the nodes: every fifth refresh, and after each action).

import { byId, el } from '../../dom.js';
import { describe } from '../../format.js';
import { subscribe } from '../../store.js';
import { asked, outcomeOf, refused } from '../entity/record.js';

let drawn = null;

export function mount() {
  subscribe(draw);
}

function draw(state) {
  const answer = state.audit;
  if (!answer || answer === drawn) return;
  drawn = answer;
  const note = byId('audit-note');
  if (answer.failure) {
    note.textContent = 'The audit trail could not be read: ' + describe(answer.failure);
    note.hidden = false;
    return;
  }
  note.hidden = answer.body.records.length > 0;
  note.textContent = 'Nothing has been changed through the admin API yet.';
  byId('audit')
    .querySelector('tbody')
    .replaceChildren(...answer.body.records.map(row));
}

function row(record) {
  return el(
    'tr',
    { 'data-id': record.id, class: refused(record) ? 'refused' : null },
    el(
      'td',
      { 'data-label': 'When' },
      el('time', { datetime: record.at, title: record.at }, new Date(record.at).toLocaleString()),
    ),
    el('td', { 'data-label': 'Who' }, record.user + ' (' + record.address + ')'),
    el('td', { 'data-label': 'What' }, asked(record)),
    el('td', { 'data-label': 'Outcome' }, outcomeOf(record)),
  );
}
