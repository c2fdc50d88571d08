// An audit record in the "Recent changes" table, as ConsoleIT reads it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asked, outcomeOf, refused } from '../../main/resources/console/audit/entity/record.js';

const move = {
  operation: 'schema.move',
  parameters: { path: { name: 'pingservice' }, body: { host: 'worker2', mode: 'force_logical', port: 5432 } },
  outcome: { status: 200 },
};

test('what a record asked for: the operation, what it names, and the body', () => {
  assert.equal(asked(move), 'schema.move · pingservice · host worker2, mode force_logical, port 5432');
  assert.equal(
    asked({ operation: 'node.drain', parameters: { path: { host: 'worker1', port: '5432' } } }),
    'node.drain · worker1:5432',
  );
  assert.equal(asked({ operation: 'rebalance.stop' }), 'rebalance.stop');
  assert.equal(asked({ operation: 'x', parameters: { body: { nodes: ['a'] } } }), 'x · nodes ["a"]');
});

test('what came of it: done, or refused with the problem, which the table marks', () => {
  assert.equal(outcomeOf(move), '200 done');
  assert.equal(refused(move), false);
  const refusal = { outcome: { status: 400, title: 'Bad Request', detail: 'It is there already' } };
  assert.equal(outcomeOf(refusal), '400 Bad Request: It is there already');
  assert.equal(refused(refusal), true);
  assert.equal(outcomeOf({}), 'no answer recorded (the server stopped while it ran)');
  assert.equal(refused({}), false);
});

test("a rebalance's record says its job, running or how it ended", () => {
  assert.equal(outcomeOf({ outcome: { status: 202, job_id: 12 } }), '202 done · job 12 running');
  const ended = outcomeOf({
    outcome: { status: 202, job_id: 12, job_state: 'cancelled', job_ended_at: '2026-01-01T10:00:00Z' },
  });
  assert.match(ended, /^202 done · job 12 cancelled \S/);
});
