// When the map was last read, and why it could not be read since.

import { byId } from '../../dom.js';
import { subscribe } from '../../store.js';
import { REFRESH_MS } from '../control/refresh.js';

export function mount() {
  subscribe(draw);
}

function draw(state) {
  const trouble = byId('trouble');
  trouble.hidden = !state.trouble;
  if (state.trouble)
    trouble.textContent = 'Could not refresh the map: ' + state.trouble + '. Showing what was last seen.';
  if (state.refreshedAt) {
    byId('refreshed').textContent =
      'Updated ' + state.refreshedAt.toLocaleTimeString() + ' · refreshes every ' + REFRESH_MS / 1000 + ' s';
  }
}
