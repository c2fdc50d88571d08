// The map: a column per node, a block per schema on the node that holds it, the balance line
// above it and the activity note under it. It is redrawn in place every few seconds, so columns
// and blocks are kept by key (data-node, data-schema) and only what changed is written: a block
// that moves slides, and nothing flickers.

import { byId, el } from '../../dom.js';
import { bytes, nodeKey } from '../../format.js';
import { subscribe } from '../../store.js';
import { runningMoves } from '../../rebalance/entity/job.js';
import { activityOf, figures, share } from '../entity/activity.js';
import { balance, blockHeight, colourOf, columns, pixelsPerByte } from '../entity/layout.js';

const colours = new Map(); // schema -> colour, for as long as the page is open

export function mount() {
  subscribe(draw);
}

function draw(state) {
  const map = byId('map');
  if (!state.session) {
    map.replaceChildren();
    return;
  }
  const activity = activityOf(state.activity);
  const note = byId('activity-note');
  note.hidden = !activity.note;
  if (activity.note) note.textContent = activity.note;

  const layout = columns(state.nodes, state.schemas);
  const shown = new Map([...map.children].map((column) => [column.dataset.node, column]));
  for (const column of layout.columns) {
    const element = shown.get(column.key) || newColumn(column.key);
    shown.delete(column.key);
    updateColumn(element, column.node, column.total);
    map.append(element); // in the API's order; an element already there just moves
  }
  shown.forEach((column) => column.remove());

  const blocks = new Map([...map.querySelectorAll('.schema')].map((block) => [block.dataset.schema, block]));
  const scale = pixelsPerByte(state.schemas, stackPixels());
  const whither = new Map([
    ...runningMoves(state.rebalance, state.schemas, state.nodes),
    ...Object.entries(state.moving),
  ]);
  for (const { key, schema } of layout.blocks) {
    const block = blocks.get(schema.name) || newBlock(schema.name);
    blocks.delete(schema.name);
    updateBlock(block, schema, whither.get(schema.name), blockHeight(schema.size_bytes, scale));
    updateActivity(block, activity.bySchema.get(schema.name), activity.busiest);
    map.querySelector('[data-node="' + CSS.escape(key) + '"] .stack').append(block);
  }
  blocks.forEach((block) => block.remove());
  byId('balance').textContent = balance(state.nodes, state.schemas);
}

/** The stack's height in pixels, as console.css sets it (narrower windows change it). */
function stackPixels() {
  const value = getComputedStyle(document.documentElement).getPropertyValue('--map-height');
  return parseInt(value, 10) || 300;
}

function newColumn(key) {
  return el(
    'article',
    { class: 'node', role: 'listitem', 'data-node': key },
    el('header', {}, el('div', { class: 'name' }), el('div', { class: 'facts' })),
    el('div', { class: 'stack' }),
    el('footer', {}),
  );
}

function updateColumn(column, node, total) {
  const kind = node.coordinator ? 'coordinator' : 'worker';
  column.querySelector('.name').textContent = nodeKey(node.address);
  const facts = [
    el('span', { class: 'badge' }, kind),
    node.healthy === false
      ? el('span', { class: 'badge bad' }, 'unreachable')
      : el('span', { class: 'badge good' }, 'healthy'),
  ];
  if (!node.should_have_shards) facts.push(el('span', { class: 'badge' }, 'takes no schemas'));
  column.querySelector('.facts').replaceChildren(...facts);
  column.classList.toggle('shardless', !node.should_have_shards);
  column.dataset.totalBytes = total;
  column.querySelector('footer').replaceChildren('Schemas: ', el('strong', {}, bytes(total)));
  column.setAttribute('aria-label', nodeKey(node.address) + ', ' + kind + ', schemas ' + bytes(total));
}

function newBlock(name) {
  return el(
    'div',
    { class: 'schema ' + colourOf(colours, name), 'data-schema': name },
    el(
      'span',
      { class: 'label' },
      el('span', { class: 'pin', hidden: '', title: 'pinned: stays on this node' }, 'pinned'),
      el('span', { class: 'name' }, name),
      el('span', { class: 'whither' }),
    ),
    el('span', { class: 'figures size' }),
    el('span', { class: 'figures activity' }),
    el('span', { class: 'meter', 'aria-hidden': 'true' }, el('span', {})),
  );
}

/** A block's size, height, pin, and where it is going (target: a node key, or none). */
function updateBlock(block, schema, target, height) {
  block.dataset.sizeBytes = schema.size_bytes;
  block.dataset.node = nodeKey(schema.node);
  block.querySelector('.size').textContent = schema.size;
  block.style.height = height + 'px';
  block.classList.toggle('moving', Boolean(target));
  block.querySelector('.whither').textContent = target ? ' → ' + target : '';
  block.querySelector('.pin').hidden = !schema.pin;
  block.classList.toggle('pinned', Boolean(schema.pin));
  block.title =
    schema.name +
    ': ' +
    schema.size +
    ' on ' +
    nodeKey(schema.node) +
    ', owner ' +
    schema.owner +
    (schema.pin
      ? '; pinned by ' + schema.pin.pinned_by + ' at ' + new Date(schema.pin.pinned_at).toLocaleString()
      : '');
}

/** A block's figures, and its bar against the busiest schema. */
function updateActivity(block, activity, busiest) {
  const text = block.querySelector('.activity');
  if (activity) {
    block.dataset.queriesPerSecond = activity.queries_per_second;
    block.dataset.queries = activity.queries_this_period + activity.queries_last_period;
    text.textContent = figures(activity);
  } else {
    delete block.dataset.queriesPerSecond;
    text.textContent = '';
  }
  block.querySelector('.meter span').style.width = Math.round(share(activity, busiest) * 100) + '%';
}
