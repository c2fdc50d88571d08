// The admin API, as the page calls it: JSON in and out, the session's cookie, and the header that
// tells the API the call comes from this page (its cross-site check wants it on every change).

/** A problem+json answer, or a failure to get any answer (status 0). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

let sessionEnded = () => {};

/** Who to tell when the API answers 401: the session ended, and the page must log in again. */
export function onSessionEnded(listener) {
  sessionEnded = listener;
}

/** Calls the API; resolves to { status, body }, rejects with an ApiProblem. */
export async function api(method, path, body) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Requested-With': 'console' },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (failure) {
    throw new ApiProblem(0, { title: 'No answer', detail: 'The admin API did not answer: ' + failure.message });
  }
  const text = await response.text();
  const json = parsed(text);
  if (!response.ok) {
    const problem = json && typeof json === 'object' ? json : { title: response.statusText, detail: text };
    // A 401 of the login itself is a wrong password, not an ended session.
    if (response.status === 401 && path !== 'session') sessionEnded();
    throw new ApiProblem(response.status, problem);
  }
  return { status: response.status, body: json };
}

function parsed(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch (notJson) {
    return null;
  }
}
