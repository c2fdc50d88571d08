// The "Last action" box: what the last move, rebalance, pin or cleanup came to, or the API's
// problem with it (status, title, detail, the fields it refused, what Citus said).

import { byId, el } from '../../dom.js';
import { subscribe } from '../../store.js';

let drawn = null;

export function mount() {
  subscribe(draw);
}

function draw(state) {
  if (!state.outcome || state.outcome === drawn) return;
  drawn = state.outcome;
  byId('result').replaceChildren(drawn.failure ? problemBox(drawn) : outcomeBox(drawn));
  byId('result-section').hidden = false;
}

function outcomeBox({ failed, title, lines, notices }) {
  const box = el(
    'div',
    { class: failed ? 'outcome failed' : 'outcome' },
    el('h3', {}, title),
    lines.map((line) => el('p', {}, line)),
  );
  if (notices.length) box.append(...citusSaid(notices));
  return box;
}

function problemBox({ title, failure }) {
  const problem = failure.problem || {};
  const box = el(
    'div',
    { class: 'outcome failed' },
    el('h3', {}, title),
    el('p', { class: 'problem-title' }, (failure.status ? failure.status + ' ' : '') + (problem.title || 'Error')),
    problem.detail ? el('p', { class: 'problem-detail' }, problem.detail) : null,
  );
  if (problem.errors && problem.errors.length) {
    box.append(
      el(
        'ul',
        { class: 'notices' },
        problem.errors.map((e) => el('li', {}, (e.field || 'body') + ': ' + e.message)),
      ),
    );
  }
  if (problem.notices && problem.notices.length) box.append(...citusSaid(problem.notices));
  return box;
}

function citusSaid(notices) {
  return [
    el('p', {}, 'Citus said:'),
    el(
      'ul',
      { class: 'notices' },
      notices.map((n) => el('li', {}, n)),
    ),
  ];
}
