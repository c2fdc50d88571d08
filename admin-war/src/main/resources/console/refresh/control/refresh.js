// Reads the cluster every few seconds and after each action, into the store. GET /nodes asks
// every node for its health, so it is read less often: every fifth time, and after each action.

import { api } from '../../api.js';
import { describe } from '../../format.js';
import { current, update } from '../../store.js';

export const REFRESH_MS = 3000;
const NODES_EVERY = 5;
/** Rows of the audit trail the page shows, read with the nodes (GET /audit). */
const AUDIT_ROWS = 10;

let timer = null;
let refreshes = 0;
let refreshing = false;
let again = null; // { withNodes }: a refresh asked for while one was on its way

export function startRefreshing() {
  refresh(true);
  timer = setInterval(() => refresh(false), REFRESH_MS);
}

export function stopRefreshing() {
  clearInterval(timer);
  timer = null;
}

/** Runs an action of the page, then reads the cluster again, whatever came of the action. */
export async function andRefresh(action) {
  try {
    return await action();
  } finally {
    refresh(true);
  }
}

/**
 * Reads the cluster. Asked while a read is on its way (an action that just ended), it reads once
 * more when that one is done: its answers may predate the action.
 */
export async function refresh(withNodes) {
  const session = current().session;
  if (!session) return;
  if (refreshing) {
    again = { withNodes: Boolean(withNodes || (again && again.withNodes)) };
    return;
  }
  refreshing = true;
  try {
    const read = await readCluster(withNodes || current().nodes.length === 0 || refreshes % NODES_EVERY === 0);
    refreshes++;
    if (current().session !== session) return; // logged out meanwhile
    update({ ...read, refreshedAt: new Date(), trouble: null });
  } catch (failure) {
    if (failure.status !== 401) update({ trouble: describe(failure) });
  } finally {
    refreshing = false;
    const next = again;
    again = null;
    if (next) refresh(next.withNodes);
  }
}

/** Every answer the page draws, at once; the nodes and the audit trail only when asked. */
async function readCluster(withNodes) {
  const known = current();
  const [nodes, schemas, activity, rebalance, audit, leftovers] = await Promise.all([
    withNodes ? api('GET', 'nodes').then((r) => r.body) : known.nodes,
    api('GET', 'schemas').then((r) => r.body),
    api('GET', 'activity').then(
      (r) => ({ body: r.body }),
      (failure) => ({ failure }),
    ),
    api('GET', 'rebalance').then(
      (r) => r.body,
      () => null,
    ), // 404: none ever ran
    withNodes || !known.audit
      ? api('GET', 'audit?limit=' + AUDIT_ROWS).then(
          (r) => ({ body: r.body }),
          (failure) => ({ failure }),
        )
      : known.audit,
    api('GET', 'cleanup').then(
      (r) => r.body,
      () => null,
    ), // not readable now: keep what was shown
  ]);
  return { nodes, schemas, activity, rebalance, audit, leftovers: leftovers || known.leftovers };
}
