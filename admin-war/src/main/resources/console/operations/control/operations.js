// The operator's actions on schemas and nodes: move, distribute, pin, unpin, drain. Each says
// what came of it in the "Last action" box, and the map is read again after it.

import { api } from '../../api.js';
import { address, nodeKey, seconds } from '../../format.js';
import { current, update } from '../../store.js';
import { andRefresh } from '../../refresh/control/refresh.js';
import { reportDone, reportProblem } from '../../outcome/entity/outcome.js';

/** Marks schemas as on their way (the map stripes them) until the action is over. */
function moving(schemas, target) {
  const now = { ...current().moving };
  for (const schema of schemas) {
    if (target) now[schema] = target;
    else delete now[schema];
  }
  update({ moving: now });
}

const path = (schema) => 'schemas/' + encodeURIComponent(schema);

export const move = (schema, to, mode) =>
  andRefresh(async () => {
    const from = current().schemas.find((s) => s.name === schema);
    moving([schema], to);
    const started = performance.now();
    try {
      const answer = (await api('POST', path(schema) + '/move', { ...address(to), mode })).body;
      reportDone(
        'Moved ' + schema,
        [
          'From ' +
            (from && from.node ? nodeKey(from.node) : '?') +
            ' to ' +
            nodeKey(answer.result.node) +
            ' (' +
            mode +
            ') in ' +
            seconds(performance.now() - started) +
            '; its size: ' +
            answer.result.size +
            '.',
        ],
        answer.notices,
      );
    } catch (failure) {
      reportProblem('Moving ' + schema + ' to ' + to + ' failed', failure);
    } finally {
      moving([schema], null);
    }
  });

/** Distributes a schema, onto a node (a key) when one is given, and pins it there if asked. */
export const distribute = (schema, onto, pin) =>
  andRefresh(async () => {
    try {
      const answer = (await api('POST', 'schemas', onto ? { schema, ...address(onto), pin } : { schema })).body;
      const placed = answer.result.node ? 'on ' + nodeKey(answer.result.node) : 'not placed yet (it has no table)';
      reportDone(
        'Distributed ' + schema,
        [
          'It is a distributed schema now, ' +
            placed +
            ', ' +
            answer.result.size +
            '.' +
            (answer.result.pin ? ' It is pinned there.' : ''),
        ],
        answer.notices,
      );
      return true;
    } catch (failure) {
      reportProblem('Distributing ' + (schema || '(no name)') + ' failed', failure);
      return false;
    }
  });

export const pin = (schema) =>
  andRefresh(async () => {
    try {
      const answer = (await api('PUT', path(schema) + '/pin')).body;
      reportDone(
        'Pinned ' + schema,
        ['It stays on ' + nodeKey(answer.node) + ': no rebalance or drain moves it ' + 'until it is unpinned.'],
        [],
      );
    } catch (failure) {
      reportProblem('Pinning ' + schema + ' failed', failure);
    }
  });

export const unpin = (schema) =>
  andRefresh(async () => {
    try {
      const answer = (await api('DELETE', path(schema) + '/pin')).body;
      reportDone(
        'Unpinned ' + schema,
        ['It was pinned to ' + nodeKey(answer.node) + ' by ' + answer.pinned_by + '; the next rebalance may move it.'],
        [],
      );
    } catch (failure) {
      reportProblem('Unpinning ' + schema + ' failed', failure);
    }
  });

/** Moves every schema off a node (a key), which then takes none until given some. */
export const drain = (key, mode) =>
  andRefresh(async () => {
    const { host, port } = address(key);
    const before = current()
      .schemas.filter((s) => s.node && nodeKey(s.node) === key)
      .map((s) => s.name);
    moving(before, 'elsewhere');
    const started = performance.now();
    try {
      const answer = (await api('POST', 'nodes/' + encodeURIComponent(host) + '/' + port + '/drain', { mode })).body;
      reportDone(
        'Drained ' + key,
        [
          'Moved off it in ' +
            seconds(performance.now() - started) +
            ': ' +
            (before.length ? before.join(', ') : 'no schema') +
            '.',
          'It holds ' +
            answer.result.size +
            ' now and takes no schemas until a rebalance or an operator gives it some.',
        ],
        answer.notices,
      );
    } catch (failure) {
      reportProblem('Draining ' + key + ' failed', failure);
    } finally {
      moving(before, null);
    }
  });
