// The map's layout: which column each schema is drawn in, how tall its block is, and the line
// that says how balanced the nodes are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BLOCK_GAP,
  MIN_BLOCK,
  STACK_PADDING,
  balance,
  blockHeight,
  colourOf,
  columns,
  pixelsPerByte,
} from '../../main/resources/console/map/entity/layout.js';

const coordinator = { address: { host: 'coordinator', port: 5432 }, coordinator: true, should_have_shards: false };
const worker1 = { address: { host: 'worker1', port: 5432 }, coordinator: false, should_have_shards: true };
const worker2 = { address: { host: 'worker2', port: 5432 }, coordinator: false, should_have_shards: true };
const schema = (name, node, sizeBytes) => ({ name, node: node && node.address, size_bytes: sizeBytes });
const MB = 1024 * 1024;

/** Pixels a column's blocks take, gaps and padding included. */
function stackHeight(sizes, scale) {
  return (
    sizes.reduce((sum, size) => sum + blockHeight(size, scale), 0) + BLOCK_GAP * (sizes.length - 1) + STACK_PADDING
  );
}

test("each schema is in the column of the node that holds it, by name, and the columns keep the API's order", () => {
  const layout = columns(
    [coordinator, worker1, worker2],
    [
      schema('userservice', worker1, 3 * MB),
      schema('timeservice', worker2, MB),
      schema('pingservice', worker1, 2 * MB),
    ],
  );
  assert.deepEqual(
    layout.columns.map((c) => c.key),
    ['coordinator:5432', 'worker1:5432', 'worker2:5432'],
  );
  assert.deepEqual(
    layout.columns.map((c) => c.schemas.map((s) => s.name)),
    [[], ['pingservice', 'userservice'], ['timeservice']],
  );
  assert.deepEqual(
    layout.columns.map((c) => c.total),
    [0, 5 * MB, MB],
  );
  assert.deepEqual(
    layout.blocks.map((b) => b.schema.name + ' on ' + b.key),
    ['pingservice on worker1:5432', 'timeservice on worker2:5432', 'userservice on worker1:5432'],
  );
  assert.deepEqual(layout.unplaced, []);
});

test('a schema without a table, or on a node the map does not show, is not in any column', () => {
  const gone = { address: { host: 'worker9', port: 5432 } };
  const layout = columns(
    [worker1],
    [schema('empty', null, 0), schema('elsewhere', gone, MB), schema('here', worker1, MB)],
  );
  assert.deepEqual(
    layout.columns[0].schemas.map((s) => s.name),
    ['here'],
  );
  assert.deepEqual(layout.unplaced, ['elsewhere', 'empty']);
});

test("blocks are as tall as their size and the fullest column fills the map's height", () => {
  const sizes = [MB, 3 * MB];
  const scale = pixelsPerByte(
    [schema('a', worker1, sizes[0]), schema('b', worker1, sizes[1]), schema('c', worker2, MB)],
    300,
  );
  assert.equal(stackHeight(sizes, scale), 300);
  assert.ok(
    Math.abs(blockHeight(3 * MB, scale) - 3 * blockHeight(MB, scale)) <= 1,
    'three times as big, three times as tall',
  );
});

test('a small schema still gets a block its label fits in, and the big ones share the rest', () => {
  const sizes = [1, 1000, 10 * MB];
  const scale = pixelsPerByte(
    sizes.map((size, i) => schema('s' + i, worker1, size)),
    300,
  );
  assert.deepEqual(
    sizes.map((size) => blockHeight(size, scale)),
    [MIN_BLOCK, MIN_BLOCK, 300 - STACK_PADDING - 2 * BLOCK_GAP - 2 * MIN_BLOCK],
  );
  assert.equal(stackHeight(sizes, scale), 300);
});

test("the map has one scale, the fullest column's: a schema alone on a node is not stretched to fill it", () => {
  const schemas = [schema('big', worker1, 8 * MB), schema('small', worker1, MB), schema('alone', worker2, 4 * MB)];
  const scale = pixelsPerByte(schemas, 300);
  assert.equal(stackHeight([8 * MB, MB], scale), 300);
  assert.equal(blockHeight(8 * MB, scale), 300 - STACK_PADDING - BLOCK_GAP - MIN_BLOCK);
  assert.equal(blockHeight(4 * MB, scale), Math.round(blockHeight(8 * MB, scale) / 2), 'half the size, half as tall');
});

test('with no schema anywhere, every block would be as small as a block gets', () => {
  assert.equal(pixelsPerByte([], 300), 0);
  assert.equal(blockHeight(5 * MB, 0), MIN_BLOCK);
});

test('the balance line says how uneven the nodes that take schemas are, the coordinator left out', () => {
  const nodes = [coordinator, worker1, worker2];
  assert.equal(
    balance(nodes, [schema('a', worker1, 30 * MB), schema('b', worker2, 10 * MB)]),
    '2 distributed schemas, 40 MB in all, on 2 nodes that take schemas. Uneven by 20 MB: the fullest holds 30 MB, ' +
      'the emptiest 10 MB (3.0×).',
  );
  assert.equal(
    balance(nodes, [schema('a', worker1, 20 * MB), schema('b', worker2, 20 * MB)]),
    '2 distributed schemas, 40 MB in all, on 2 nodes that take schemas. Even: each holds 20 MB.',
  );
  assert.equal(
    balance(nodes, [schema('a', worker1, 20 * MB), schema('new', null, 0)]),
    '2 distributed schemas, 20 MB in all, on 2 nodes that take schemas. Uneven by 20 MB: the fullest holds 20 MB, ' +
      'the emptiest 0 bytes. Not placed yet (no table): new.',
  );
  assert.equal(
    balance([coordinator, worker1], [schema('a', worker1, 20 * MB)]),
    '1 distributed schema, 20 MB in all, on 1 node that takes schemas. ',
  );
});

test('a schema keeps its colour, and the first eight schemas all get different ones', () => {
  const colours = new Map();
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const given = names.map((name) => colourOf(colours, name));
  assert.equal(new Set(given).size, 8);
  assert.deepEqual(
    names.map((name) => colourOf(colours, name)),
    given,
  );
  assert.match(colourOf(colours, 'i'), /^c[0-7]$/);
});
