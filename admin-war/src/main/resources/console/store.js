// The page's state, in one place. The controls change it with update() when the API answers; every
// part of the page subscribes and draws itself from it. Data flows one way: a part of the page
// never changes the state, it asks a control, whose answer comes back through here.

const state = {
  session: null, // { user, operator } once logged in
  loginMessage: '', // why the login form shows: logged out, session ended, no answer
  nodes: [], // GET /nodes
  schemas: [], // GET /schemas
  activity: null, // { body } or { failure }: GET /activity
  audit: null, // { body } or { failure }: GET /audit; the same object until it is read again
  leftovers: null, // GET /cleanup, the last time it could be read
  rebalance: null, // the latest rebalance job: GET /rebalance, or the job this page follows
  following: null, // the id of the rebalance job this page follows, while it runs
  progress: null, // the job this page follows (or followed last), as last read
  strategies: null, // GET /rebalance/strategies
  plan: null, // { strategy, moves, notices, pinned }: the last plan asked for
  moving: {}, // schema -> where an action of this page is moving it
  outcome: null, // what the last action came to (outcome/entity/outcome.js)
  refreshedAt: null, // when the cluster was last read
  trouble: null, // why the last read of the cluster failed, until one works
};

const listeners = [];

/** The state as it is now. Read it; change it only with update(). */
export function current() {
  return state;
}

/** Changes some of the state (new values, never the old ones changed in place) and redraws. */
export function update(changes) {
  Object.assign(state, changes);
  for (const listener of listeners) listener(state);
}

/** A part of the page that draws the state after each update. */
export function subscribe(listener) {
  listeners.push(listener);
}
