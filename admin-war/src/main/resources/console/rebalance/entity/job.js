// What a rebalance plan and a rebalance job say, read for the page: pure functions of the API's
// answers (GET /rebalance/plan, GET /rebalance, GET /rebalance/jobs/{id}).

import { nodeKey } from '../../format.js';

const FINISHED = new Set(['finished', 'failed', 'cancelled']);

/** Whether a job (or null: none ever ran) is still going. */
export const isRunning = (job) => Boolean(job) && !FINISHED.has(job.state);

export const doneTasks = (job) => job.tasks.filter((t) => t.status === 'done').length;

/** The schema of a table "schema.table" (quoted or not). */
function schemaOfTable(table) {
  const dot = table.indexOf('.');
  return dot > 0 ? table.slice(0, dot).replace(/^"|"$/g, '') : table;
}

/** The plan's shard moves by schema: a schema's tables move together, as one shard group. */
export function planBySchema(moves) {
  const groups = new Map();
  for (const move of moves) {
    const schema = schemaOfTable(move.table);
    const key = schema + ' ' + nodeKey(move.source) + ' ' + nodeKey(move.target);
    if (!groups.has(key))
      groups.set(key, { schema, source: nodeKey(move.source), target: nodeKey(move.target), tables: [] });
    groups.get(key).tables.push(move.table.slice(move.table.indexOf('.') + 1));
  }
  return [...groups.values()];
}

/**
 * What a rebalance task moves: Citus' command is citus_move_shard_placement(shard, source node id,
 * target node id, mode); the shard names the schema (GET /schemas lists each one's shard ids).
 */
export function taskMove(task, schemas, nodes) {
  const call = /citus_move_shard_placement\((\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(task.command || '');
  if (!call) return null;
  const schema = schemas.find((s) => (s.shard_ids || []).includes(Number(call[1])));
  const target = nodes.find((n) => n.id === Number(call[3]));
  return {
    shard: call[1],
    schema: schema && schema.name,
    target: target ? nodeKey(target.address) : 'node ' + call[3],
  };
}

/** The schemas a running job is moving now, whoever started it: schema -> target node. */
export function runningMoves(job, schemas, nodes) {
  const moves = new Map();
  if (!isRunning(job)) return moves;
  for (const task of job.tasks) {
    const move = task.status === 'running' && taskMove(task, schemas, nodes);
    if (move && move.schema) moves.set(move.schema, move.target);
  }
  return moves;
}
