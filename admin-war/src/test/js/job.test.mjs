// What the page reads from a rebalance plan and job: the plan's rows, and which schema a running
// task moves where (the map stripes it and says where to).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  doneTasks,
  isRunning,
  planBySchema,
  runningMoves,
  taskMove,
} from '../../main/resources/console/rebalance/entity/job.js';

const node = (host) => ({ host, port: 5432 });
const nodes = [
  { id: 1, address: node('coordinator') },
  { id: 2, address: node('worker1') },
  { id: 3, address: node('worker2') },
];
const schemas = [
  { name: 'userservice', shard_ids: [102008, 102009] },
  { name: 'timeservice', shard_ids: [102010] },
];
const task = (id, status, shard, target) => ({
  task_id: id,
  status,
  command: `SELECT pg_catalog.citus_move_shard_placement(${shard},2,${target},'block_writes')`,
});

test('a plan is a row per schema that moves: its tables move together', () => {
  const rows = planBySchema([
    { table: 'userservice.users', source: node('worker1'), target: node('worker2') },
    { table: 'userservice.orders', source: node('worker1'), target: node('worker2') },
    { table: '"Time Service".clock', source: node('worker1'), target: node('worker2') },
  ]);
  assert.deepEqual(rows, [
    { schema: 'userservice', source: 'worker1:5432', target: 'worker2:5432', tables: ['users', 'orders'] },
    { schema: 'Time Service', source: 'worker1:5432', target: 'worker2:5432', tables: ['clock'] },
  ]);
});

test('a task names the schema of its shard and the node it goes to', () => {
  assert.deepEqual(taskMove(task(7, 'running', 102009, 3), schemas, nodes), {
    shard: '102009',
    schema: 'userservice',
    target: 'worker2:5432',
  });
  assert.deepEqual(taskMove(task(8, 'blocked', 555, 9), schemas, nodes), {
    shard: '555',
    schema: undefined,
    target: 'node 9',
  });
  assert.equal(taskMove({ task_id: 9, status: 'done', command: 'SELECT 1' }, schemas, nodes), null);
});

test('only the running tasks of a running job mark schemas as moving', () => {
  const job = { job_id: 4, state: 'running', tasks: [task(1, 'done', 102010, 3), task(2, 'running', 102008, 3)] };
  assert.deepEqual([...runningMoves(job, schemas, nodes)], [['userservice', 'worker2:5432']]);
  assert.equal(doneTasks(job), 1);
  assert.equal(runningMoves({ ...job, state: 'cancelled' }, schemas, nodes).size, 0);
  assert.equal(runningMoves(null, schemas, nodes).size, 0);
});

test('a job is over when it is finished, failed or cancelled', () => {
  assert.deepEqual(
    ['scheduled', 'running', 'cancelling', 'finished', 'failed', 'cancelled'].map((state) => isRunning({ state })),
    [true, true, true, false, false, false],
  );
  assert.equal(isRunning(null), false);
});
