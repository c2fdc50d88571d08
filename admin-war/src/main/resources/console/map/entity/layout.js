// Where the map draws each schema and how tall: pure functions of what the API says, so that the
// unit tests can check the map's rules without a browser.

import { bytes, nodeKey, plural } from '../../format.js';

/** Pixels: a block's least height (its label: name, size, activity), as console.css has it. */
export const MIN_BLOCK = 70;
/** Pixels between two blocks, and around a column's blocks, as console.css has them. */
export const BLOCK_GAP = 5;
export const STACK_PADDING = 12;
/** The colours of console.css (.c0 to .c7). */
export const COLOURS = 8;

/**
 * The map's columns, a node each in the API's order, with the schemas each holds by name and its
 * total size; the blocks, every schema in a column by name (the order they get their colours in);
 * and the schemas no column holds (no table yet, or on a node the map does not show).
 */
export function columns(nodes, schemas) {
  const byNode = new Map(
    nodes.map((node) => [nodeKey(node.address), { key: nodeKey(node.address), node, total: 0, schemas: [] }]),
  );
  const blocks = [];
  const unplaced = [];
  for (const schema of [...schemas].sort((a, b) => a.name.localeCompare(b.name))) {
    const column = schema.node && byNode.get(nodeKey(schema.node));
    if (column) {
      column.schemas.push(schema);
      column.total += schema.size_bytes;
      blocks.push({ key: column.key, schema });
    } else {
      unplaced.push(schema.name);
    }
  }
  return { columns: [...byNode.values()], blocks, unplaced };
}

/**
 * The one scale of the map: a block's height is its bytes times this, or the height of its label
 * when that is more, and the fullest column still fits the stack's height. Blocks under the floor
 * take it, and the rest share what is left, column by column, until no block changes side.
 */
export function pixelsPerByte(schemas, height) {
  let scale = Infinity;
  const byNode = new Map();
  for (const schema of schemas) {
    if (!schema.node) continue;
    const key = nodeKey(schema.node);
    byNode.set(key, [...(byNode.get(key) || []), Math.max(schema.size_bytes, 1)]);
  }
  for (const sizes of byNode.values()) {
    const room = height - STACK_PADDING - BLOCK_GAP * (sizes.length - 1);
    let floored = 0;
    let columnScale = room / sizes.reduce((a, b) => a + b, 0);
    for (let changed = true; changed; ) {
      const small = sizes.filter((b) => b * columnScale < MIN_BLOCK);
      const large = sizes.filter((b) => b * columnScale >= MIN_BLOCK).reduce((a, b) => a + b, 0);
      changed = small.length !== floored && large > 0;
      floored = small.length;
      if (large > 0) columnScale = Math.max(0, room - MIN_BLOCK * floored) / large;
    }
    scale = Math.min(scale, columnScale);
  }
  return Number.isFinite(scale) ? scale : 0;
}

/** A block's height in pixels, at the map's scale. */
export function blockHeight(sizeBytes, scale) {
  return Math.max(MIN_BLOCK, Math.round(sizeBytes * scale));
}

/** The line above the map: how much there is, and how uneven the nodes that take schemas are. */
export function balance(nodes, schemas) {
  const { columns: all, unplaced } = columns(nodes, schemas);
  const holders = all.filter((c) => c.node.should_have_shards).map((c) => c.total);
  const sum = schemas.filter((s) => s.node).reduce((total, s) => total + s.size_bytes, 0);
  let text =
    plural(schemas.length, 'distributed schema') +
    ', ' +
    bytes(sum) +
    ' in all, on ' +
    holders.length +
    (holders.length === 1 ? ' node that takes' : ' nodes that take') +
    ' schemas. ';
  if (holders.length > 1) {
    const most = Math.max(...holders);
    const least = Math.min(...holders);
    if (most === least) text += 'Even: each holds ' + bytes(most) + '.';
    else
      text +=
        'Uneven by ' +
        bytes(most - least) +
        ': the fullest holds ' +
        bytes(most) +
        ', the emptiest ' +
        bytes(least) +
        (least > 0 ? ' (' + (most / least).toFixed(1) + '×).' : '.');
  }
  if (unplaced.length) text += ' Not placed yet (no table): ' + unplaced.join(', ') + '.';
  return text;
}

/**
 * A schema's colour class, kept for as long as the page is open (colours: schema -> index): the
 * first colour no schema has, and once all are taken, round again.
 */
export function colourOf(colours, schema) {
  if (!colours.has(schema)) {
    const used = new Set(colours.values());
    let colour = 0;
    while (used.has(colour) && colour < COLOURS - 1) colour++;
    colours.set(schema, used.size >= COLOURS ? colours.size % COLOURS : colour);
  }
  return 'c' + colours.get(schema);
}
