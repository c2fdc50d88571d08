// The Rebalance card of an operator's page: a strategy and a transfer mode; the plan Citus would
// carry out; the job, once started, task by task; and the button that stops it.

import { byId, choices, el, whileBusy } from '../../dom.js';
import { nodeKey } from '../../format.js';
import { current } from '../../store.js';
import { MODES } from '../../operations/entity/modes.js';
import { doneTasks, planBySchema, taskMove } from '../entity/job.js';
import { followRunning, readStrategies, showPlan, start, stop } from '../control/rebalance.js';

let drawn = {}; // the strategies, plan and job drawn last, for this copy of the form

/** Wires a new copy of the form (the operator's controls come from a template at each login). */
export function wireRebalanceForm() {
  drawn = {};
  choices(byId('rebalance-mode'), MODES);
  byId('rebalance-form').addEventListener('submit', (event) => {
    event.preventDefault();
    busy(() => start(byId('rebalance-strategy').value, byId('rebalance-mode').value));
  });
  byId('plan-button').addEventListener('click', () => busy(() => showPlan(byId('rebalance-strategy').value)));
  byId('stop-button').addEventListener('click', stop);
  readStrategies();
  followRunning();
}

async function busy(action) {
  await whileBusy(byId('rebalance-form'), action);
  drawStop(current()); // whatever it was before: is a job running now?
}

export function drawRebalanceForm(state) {
  if (state.strategies && state.strategies !== drawn.strategies) {
    byId('rebalance-strategy').replaceChildren(
      ...state.strategies.map((s) =>
        el('option', { value: s.name, selected: s.default }, s.name + (s.default ? ' (default)' : '')),
      ),
    );
  }
  if (state.plan !== drawn.plan) drawPlan(state.plan, state.schemas);
  if (state.progress && state.progress !== drawn.progress) drawProgress(state.progress, state);
  if (state.following !== drawn.following) drawStop(state);
  drawn = { strategies: state.strategies, plan: state.plan, progress: state.progress, following: state.following };
}

function drawStop(state) {
  byId('stop-button').disabled = state.following === null;
}

function drawPlan(plan, schemas) {
  if (!plan) {
    byId('plan').replaceChildren();
    return;
  }
  const parts = [el('h4', {}, 'Plan (' + plan.strategy + ')')];
  const moves = planBySchema(plan.moves);
  if (moves.length) {
    const sizes = new Map(schemas.map((s) => [s.name, s.size]));
    parts.push(
      table(
        'plan-moves',
        ['Schema', 'Size', 'From', 'To', 'Tables'],
        moves.map((m) =>
          el(
            'tr',
            {},
            el('td', {}, m.schema),
            el('td', {}, sizes.get(m.schema) || ''),
            el('td', {}, m.source),
            el('td', {}, m.target),
            el('td', {}, m.tables.join(', ')),
          ),
        ),
      ),
    );
  } else {
    parts.push(
      el(
        'p',
        { class: 'plan-empty' },
        'Citus plans no move' + (plan.notices.length ? ':' : ': the cluster is balanced under this strategy.'),
      ),
    );
  }
  if (plan.pinned && plan.pinned.length) {
    parts.push(
      el(
        'p',
        { class: 'plan-pinned' },
        'Left where they are (pinned): ' + plan.pinned.map((p) => p.schema + ' on ' + nodeKey(p.node)).join(', ') + '.',
      ),
    );
  }
  if (plan.notices.length)
    parts.push(
      el(
        'ul',
        { class: 'notices plan-notices' },
        plan.notices.map((n) => el('li', {}, n)),
      ),
    );
  byId('plan').replaceChildren(...parts);
}

function drawProgress(job, state) {
  const done = doneTasks(job);
  const total = job.tasks.length;
  const rows = job.tasks.map((task) => {
    const move = taskMove(task, state.schemas, state.nodes);
    const what = move ? (move.schema || 'shard ' + move.shard) + ' → ' + move.target : task.command;
    // A task's message is its last error, or the command tag of a done one ("SELECT 1").
    const status = task.status + (task.message && task.status !== 'done' ? ': ' + task.message : '');
    const mark = task.status === 'done' ? 'task-done' : task.status === 'error' ? 'task-error' : '';
    return el('tr', {}, el('td', {}, task.task_id), el('td', {}, what), el('td', { class: mark }, status));
  });
  const progress = byId('progress');
  progress.replaceChildren(
    el('h4', {}, 'Job ' + job.job_id + ': ' + job.state),
    el('label', { for: 'job-progress' }, done + ' of ' + total + ' moves done'),
    el('progress', { id: 'job-progress', max: Math.max(total, 1), value: done }),
    table('job-tasks', ['Task', 'Move', 'Status'], rows),
  );
  progress.dataset.state = job.state;
}

function table(className, headings, rows) {
  return el(
    'table',
    { class: className },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headings.map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el('tbody', {}, rows),
  );
}
