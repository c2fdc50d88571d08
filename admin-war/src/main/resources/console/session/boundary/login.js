// The login form, who is logged in, and the console behind them: shown once logged in.

import { byId } from '../../dom.js';
import { subscribe } from '../../store.js';
import { logIn, logOut } from '../control/session.js';

let drawn = null; // { session, message } drawn last: the login form gets the focus when it appears

export function mount() {
  byId('login-form').addEventListener('submit', submit);
  byId('logout').addEventListener('click', logOut);
  subscribe(draw);
}

function draw(state) {
  const session = state.session;
  byId('console').hidden = !session;
  byId('who').hidden = !session;
  byId('login').hidden = Boolean(session);
  if (session) {
    byId('who-name').textContent = session.user;
    byId('who-role').textContent = session.operator ? 'operator' : 'reader: can look, not change';
  } else if (!drawn || drawn.session || drawn.message !== state.loginMessage) {
    showError(state.loginMessage);
    byId('login-user').focus();
  }
  drawn = { session, message: state.loginMessage };
}

async function submit(event) {
  event.preventDefault();
  const user = byId('login-user').value.trim();
  const password = byId('login-password');
  if (!user || !password.value) {
    showError('Enter a user name and a password.');
    return;
  }
  try {
    await logIn(user, password.value);
    password.value = '';
    showError('');
  } catch (failure) {
    showError(failure.problem ? failure.problem.detail || failure.problem.title : failure.message);
    password.select();
  }
}

function showError(message) {
  const error = byId('login-error');
  error.textContent = message || '';
  error.hidden = !message;
}
