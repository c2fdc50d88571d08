// An audit trail record (GET /audit) in words, for the "Recent changes" table: pure.

/** What a record asked for, in a few words: the operation and what it names (schema, node, body). */
export function asked(record) {
  const parameters = record.parameters || {};
  const named = Object.values(parameters.path || {}).join(':');
  const body = parameters.body && typeof parameters.body === 'object' ? parameters.body : null;
  const details = body
    ? Object.entries(body).map(([k, v]) => k + ' ' + (typeof v === 'object' ? JSON.stringify(v) : v))
    : [];
  return [record.operation, named, details.join(', ')].filter((part) => part).join(' · ');
}

/** What came of it: the status, the problem when refused, and a rebalance job's end. */
export function outcomeOf(record) {
  const outcome = record.outcome;
  if (!outcome) return 'no answer recorded (the server stopped while it ran)';
  let text =
    String(outcome.status) +
    (outcome.status < 400 ? ' done' : ' ' + (outcome.title || '') + (outcome.detail ? ': ' + outcome.detail : ''));
  if (outcome.job_id) {
    text +=
      ' · job ' +
      outcome.job_id +
      (outcome.job_state
        ? ' ' + outcome.job_state + ' ' + new Date(outcome.job_ended_at).toLocaleTimeString()
        : ' running');
  }
  return text;
}

/** A refused or failed request, which the table marks. */
export const refused = (record) => Boolean(record.outcome && record.outcome.status >= 400);
