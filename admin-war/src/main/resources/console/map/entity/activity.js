// What the map says of each schema's activity (GET /activity, Citus' tenant statistics): pure.

import { describe, percent, rate } from '../../format.js';

/**
 * The activity by schema name, the busiest schema's queries per second (the bars' full length),
 * and the note under the map when there is nothing to show (null: no note).
 */
export function activityOf(answer) {
  const bySchema = new Map();
  let note = null;
  if (answer && answer.body && answer.body.tracking !== 'none') {
    for (const schema of answer.body.schemas) bySchema.set(schema.schema, schema);
  } else if (answer && answer.body) {
    note =
      "Citus counts no activity on this cluster (citus.stat_tenants_track is 'none'): " +
      "set it to 'all' on every node to see queries and CPU per schema (see the README).";
  } else if (answer && answer.failure) {
    note = 'No activity figures: ' + describe(answer.failure);
  }
  const busiest = Math.max(0, ...[...bySchema.values()].map((a) => a.queries_per_second));
  return { bySchema, busiest, note };
}

/** A block's figures: "2.5 q/s · CPU 0.3 %". */
export function figures(activity) {
  return rate(activity.queries_per_second) + ' q/s · CPU ' + percent(activity.cpu_share);
}

/** A block's bar: its queries against the busiest schema's, 0 to 1. */
export function share(activity, busiest) {
  return activity && busiest > 0 ? activity.queries_per_second / busiest : 0;
}
