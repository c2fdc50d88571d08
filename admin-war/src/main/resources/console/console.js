// The operator console: draws the cluster from the admin API and acts on it through the same API,
// as curl would. ES modules served as they are, no build step. Each part of the page draws itself
// from the state (store.js) and calls its feature's control to act; the controls call the API and
// change the state. Module scripts run once the page is parsed, so every element is there.

import { mount as login } from './session/boundary/login.js';
import { mount as status } from './refresh/boundary/status.js';
import { mount as rebalanceLine } from './rebalance/boundary/rebalance-line.js';
import { mount as leftovers } from './leftovers/boundary/leftovers.js';
import { mount as map } from './map/boundary/map.js';
import { mount as operations } from './operations/boundary/operations.js';
import { mount as outcome } from './outcome/boundary/outcome.js';
import { mount as audit } from './audit/boundary/audit.js';
import { checkSession } from './session/control/session.js';

for (const part of [login, status, rebalanceLine, leftovers, map, operations, outcome, audit]) part();
checkSession();
