// Deleting what failed moves left on the nodes now (POST /cleanup), instead of waiting for
// Citus' background cleanup.

import { api } from '../../api.js';
import { plural } from '../../format.js';
import { andRefresh } from '../../refresh/control/refresh.js';
import { reportDone, reportProblem } from '../../outcome/entity/outcome.js';

export const cleanUp = () =>
  andRefresh(async () => {
    try {
      const answer = (await api('POST', 'cleanup')).body;
      const left = answer.result.left;
      reportDone(
        'Cleanup done',
        [
          'Citus deleted ' +
            plural(answer.result.cleaned, 'leftover') +
            '; ' +
            (left.length ? left.length + ' still in use or on a node that does not answer.' : 'nothing is left.'),
        ],
        answer.notices,
      );
    } catch (failure) {
      reportProblem('Cleanup failed', failure);
    }
  });
