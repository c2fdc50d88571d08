// How the page writes sizes, rates, shares, nodes and problems. Pure functions, no DOM, so that
// the unit tests (admin-war/src/test/js) can check them.

const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB'];

/** A size in bytes, in whole units, with at least ten of them: 10239 bytes, then 10 kB. */
export function bytes(n) {
  let value = n;
  let unit = 0;
  while (unit < UNITS.length - 1 && Math.abs(value) >= 10 * 1024) {
    value /= 1024;
    unit++;
  }
  return Math.round(value) + ' ' + UNITS[unit];
}

/** Queries per second: one decimal under ten, whole numbers above. */
export function rate(perSecond) {
  return perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond).toString();
}

/** A share of a CPU (0 to 1) as a percentage; a share too small to show still shows as one. */
export function percent(share) {
  const value = share * 100;
  if (value === 0) return '0 %';
  return value < 0.1 ? '< 0.1 %' : value.toFixed(1) + ' %';
}

/** "3 schemas", "1 schema". */
export function plural(count, noun) {
  return count + ' ' + noun + (count === 1 ? '' : 's');
}

/** Seconds with one decimal, for how long an action took. */
export function seconds(milliseconds) {
  return (milliseconds / 1000).toFixed(1) + ' s';
}

/** How the API names a node ({ host, port }) in one string, the key the page uses for it. */
export const nodeKey = (address) => address.host + ':' + address.port;

/** The node a key names, as the API takes it; the port is after the last colon. */
export function address(key) {
  const colon = key.lastIndexOf(':');
  return { host: key.slice(0, colon), port: Number(key.slice(colon + 1)) };
}

/** A node of GET /nodes as a choice in a list. */
export function nodeLabel(node) {
  return nodeKey(node.address) + (node.coordinator ? ' (coordinator)' : '');
}

/** A failed call (an ApiProblem) in one line: its status, the problem's title and detail. */
export function describe(failure) {
  const problem = failure.problem || {};
  return (
    (failure.status ? failure.status + ' ' : '') +
    (problem.title || 'Error') +
    (problem.detail ? ': ' + problem.detail : '')
  );
}
