// What the last action came to, for the "Last action" box: the controls report it here, and the
// box draws each new report once (a test, or the user, may clear the box meanwhile).

import { update } from '../../store.js';

/** It worked: a title, lines that say what came of it, and what Citus said on the way. */
export function reportDone(title, lines, notices) {
  update({ outcome: { failed: false, title, lines, notices: notices || [] } });
}

/** It ended, but not well (a rebalance failed or was cancelled): a title and what is known. */
export function reportEnded(title, lines) {
  update({ outcome: { failed: true, title, lines, notices: [] } });
}

/** The API refused it or did not answer: a title and the ApiProblem. */
export function reportProblem(title, failure) {
  update({ outcome: { failed: true, title, failure } });
}
