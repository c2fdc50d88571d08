// The console's formats, as an operator reads them on the map and in the forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  address,
  bytes,
  describe,
  nodeKey,
  nodeLabel,
  percent,
  plural,
  rate,
  seconds,
} from '../../main/resources/console/format.js';

test('a size keeps at least ten whole units before it goes up one unit', () => {
  assert.equal(bytes(0), '0 bytes');
  assert.equal(bytes(10239), '10239 bytes');
  assert.equal(bytes(10240), '10 kB');
  assert.equal(bytes(8 * 1024 * 1024), '8192 kB');
  assert.equal(bytes(16 * 1024 * 1024), '16 MB');
  assert.equal(bytes(1536 * 1024 * 1024 * 1024), '1536 GB');
  assert.equal(bytes(20 * 1024 ** 4), '20 TB');
  assert.equal(bytes(20 * 1024 ** 5), '20480 TB', 'no unit above TB');
});

test('queries per second have one decimal under ten and none above', () => {
  assert.equal(rate(0), '0.0');
  assert.equal(rate(2.34), '2.3');
  assert.equal(rate(9.94), '9.9');
  assert.equal(rate(12.6), '13');
});

test('a share of a CPU is a percentage, and a tiny one is not shown as zero', () => {
  assert.equal(percent(0), '0 %');
  assert.equal(percent(0.0004), '< 0.1 %');
  assert.equal(percent(0.123), '12.3 %');
  assert.equal(percent(1), '100.0 %');
});

test('counts agree with their noun', () => {
  assert.equal(plural(1, 'schema'), '1 schema');
  assert.equal(plural(0, 'schema'), '0 schemas');
  assert.equal(plural(3, 'leftover'), '3 leftovers');
});

test("an action's time is in seconds with one decimal", () => {
  assert.equal(seconds(1234), '1.2 s');
  assert.equal(seconds(50), '0.1 s');
});

test("a node is host:port, and the key reads back as the API's node, IPv6 hosts included", () => {
  assert.equal(nodeKey({ host: 'worker1', port: 5432 }), 'worker1:5432');
  assert.deepEqual(address('worker1:5432'), { host: 'worker1', port: 5432 });
  assert.deepEqual(address('::1:9701'), { host: '::1', port: 9701 });
  assert.equal(
    nodeLabel({ address: { host: 'coordinator', port: 5432 }, coordinator: true }),
    'coordinator:5432 (coordinator)',
  );
  assert.equal(nodeLabel({ address: { host: 'worker2', port: 5432 }, coordinator: false }), 'worker2:5432');
});

test('a problem reads as its status, title and detail', () => {
  assert.equal(
    describe({ status: 400, problem: { title: 'Bad Request', detail: 'It is on that node already' } }),
    '400 Bad Request: It is on that node already',
  );
  assert.equal(describe({ status: 0, problem: { title: 'No answer' } }), 'No answer');
  assert.equal(describe(new Error('boom')), 'Error');
});
