// Logging in and out: the page's session (POST, GET and DELETE /session), and what starts and
// stops with it (reading the cluster, following a rebalance).

import { api, onSessionEnded } from '../../api.js';
import { describe } from '../../format.js';
import { update } from '../../store.js';
import { startRefreshing, stopRefreshing } from '../../refresh/control/refresh.js';
import { stopFollowing } from '../../rebalance/control/rebalance.js';

onSessionEnded(() => leave('Your session has ended: log in again.'));

/** Whether this browser is logged in already (a session cookie): the console, or the login. */
export async function checkSession() {
  try {
    const session = (await api('GET', 'session')).body;
    if (session.user) enter(session);
    else leave();
  } catch (failure) {
    leave('The admin API did not answer: ' + describe(failure));
  }
}

/** Logs in; rejects with the API's problem (a wrong password: 401) for the form to show. */
export async function logIn(user, password) {
  enter((await api('POST', 'session', { user, password })).body);
}

export async function logOut() {
  try {
    await api('DELETE', 'session');
  } finally {
    leave('You have logged out.');
  }
}

function enter(session) {
  update({ session, loginMessage: '' });
  startRefreshing();
}

/** Back to the login form, saying why; what the operator's controls showed goes with them. */
function leave(message) {
  stopRefreshing();
  stopFollowing();
  update({ session: null, loginMessage: message || '', plan: null, progress: null, strategies: null });
}
