// The line above the map while a rebalance runs, whoever started it: how many of its moves are done.

import { byId } from '../../dom.js';
import { subscribe } from '../../store.js';
import { doneTasks, isRunning } from '../entity/job.js';

export function mount() {
  subscribe(draw);
}

function draw(state) {
  const job = state.rebalance;
  const line = byId('rebalance-line');
  line.hidden = !isRunning(job);
  if (line.hidden) return;
  line.textContent =
    'Rebalance job ' +
    job.job_id +
    ' is ' +
    job.state +
    ': ' +
    doneTasks(job) +
    ' of ' +
    job.tasks.length +
    ' moves done.';
}
