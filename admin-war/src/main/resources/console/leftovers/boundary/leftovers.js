// The line above the map about what moves left on the nodes for Citus to delete (GET /cleanup):
// after a move that failed half-way, its copy of the shards, publication, replication slot and
// subscription, until cleanup deletes them. An operator gets a button to delete them now.

import { byId } from '../../dom.js';
import { nodeKey, plural } from '../../format.js';
import { subscribe } from '../../store.js';
import { cleanUp } from '../control/cleanup.js';

export function mount() {
  byId('cleanup-button').addEventListener('click', clicked);
  subscribe(draw);
}

function draw(state) {
  const leftovers = state.leftovers;
  if (!leftovers) return;
  const box = byId('leftovers');
  box.hidden = leftovers.length === 0;
  if (box.hidden) return;
  const where = new Map();
  for (const leftover of leftovers) {
    const key = leftover.node ? nodeKey(leftover.node) : 'a removed node';
    where.set(key, (where.get(key) || []).concat(leftover.kind.replace('_', ' ')));
  }
  byId('leftovers-text').textContent =
    plural(leftovers.length, 'leftover') +
    " of moves wait for Citus' cleanup: " +
    [...where].map(([node, kinds]) => node + ' (' + kinds.join(', ') + ')').join('; ') +
    '. Citus deletes them in the background once nothing uses them.';
  byId('cleanup-button').hidden = !(state.session && state.session.operator);
}

async function clicked() {
  const button = byId('cleanup-button');
  button.disabled = true;
  try {
    await cleanUp();
  } finally {
    button.disabled = false;
  }
}
