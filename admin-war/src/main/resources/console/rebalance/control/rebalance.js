// Rebalancing: the strategies, the plan, starting and stopping the background job, and following
// it task by task (GET /rebalance/jobs/{id}, every second) until it is finished, failed or cancelled.

import { api } from '../../api.js';
import { plural } from '../../format.js';
import { current, update } from '../../store.js';
import { andRefresh, refresh } from '../../refresh/control/refresh.js';
import { reportDone, reportEnded, reportProblem } from '../../outcome/entity/outcome.js';
import { doneTasks, isRunning, planBySchema } from '../entity/job.js';

const POLL_MS = 1000;

let timer = null;

export async function readStrategies() {
  try {
    update({ strategies: (await api('GET', 'rebalance/strategies')).body });
  } catch (failure) {
    reportProblem('Could not read the rebalance strategies', failure);
  }
}

/** Follows the latest job if it still runs, whoever started it. */
export async function followRunning() {
  try {
    const job = (await api('GET', 'rebalance')).body;
    if (isRunning(job)) follow(job.job_id);
  } catch (noJob) {
    // 404: no rebalance has run here
  }
}

const query = (strategy) => (strategy ? '?strategy=' + encodeURIComponent(strategy) : '');

async function readPlan(strategy) {
  const answer = (await api('GET', 'rebalance/plan' + query(strategy))).body;
  const plan = { strategy, moves: answer.result, notices: answer.notices, pinned: answer.pinned };
  update({ plan });
  return plan;
}

export const showPlan = (strategy) =>
  andRefresh(async () => {
    try {
      await readPlan(strategy);
    } catch (failure) {
      update({ plan: null });
      reportProblem('Could not plan a rebalance', failure);
    }
  });

/** Shows the plan, then starts the job that carries it out, and follows it. */
export const start = (strategy, mode) =>
  andRefresh(async () => {
    try {
      const schemas = planBySchema((await readPlan(strategy)).moves).length;
      const answer = (await api('POST', 'rebalance', { strategy, mode })).body;
      if (answer.job_id === null || answer.job_id === undefined) {
        reportDone('Nothing to rebalance', ['Citus started no job: it found nothing to move.'], answer.notices);
        return;
      }
      reportDone(
        'Rebalance started',
        [
          'Background job ' +
            answer.job_id +
            ' (' +
            strategy +
            ', ' +
            mode +
            '): ' +
            plural(schemas, 'schema') +
            ' to move as planned.',
        ],
        answer.notices,
      );
      follow(answer.job_id);
    } catch (failure) {
      reportProblem('Starting a rebalance failed', failure);
    }
  });

export async function stop() {
  try {
    const answer = (await api('DELETE', 'rebalance')).body;
    reportDone(
      'Stop requested',
      ["Citus cancels the job's remaining moves; a move under way is rolled back."],
      answer.notices,
    );
  } catch (failure) {
    reportProblem('Stopping the rebalance failed', failure);
  }
}

function follow(id) {
  clearTimeout(timer);
  update({ following: id });
  poll();
}

export function stopFollowing() {
  clearTimeout(timer);
  timer = null;
  if (current().following !== null) update({ following: null });
}

async function poll() {
  const id = current().following;
  if (id === null || !current().session) return;
  let job;
  try {
    job = (await api('GET', 'rebalance/jobs/' + id)).body;
  } catch (failure) {
    update({ following: null });
    reportProblem('Could not follow rebalance job ' + id, failure);
    return;
  }
  if (isRunning(job)) {
    update({ rebalance: job, progress: job });
    timer = setTimeout(poll, POLL_MS);
    return;
  }
  update({ rebalance: job, progress: job, following: null });
  reportEnd(job);
  refresh(true);
}

function reportEnd(job) {
  const lines = [
    'Job ' +
      job.job_id +
      ' ' +
      job.state +
      ': ' +
      doneTasks(job) +
      ' of ' +
      plural(job.tasks.length, 'task') +
      ' done.',
  ];
  for (const task of job.tasks.filter((t) => t.message && t.status !== 'done')) {
    // their last error
    lines.push('Task ' + task.task_id + ' (' + task.status + '): ' + task.message);
  }
  if (job.state === 'finished') reportDone('Rebalance finished', lines, []);
  else reportEnded('Rebalance ' + job.state, lines);
}
