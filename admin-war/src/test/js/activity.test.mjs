// What a schema's block says of its activity, and the note under the map when Citus counts none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityOf, figures, share } from '../../main/resources/console/map/entity/activity.js';

const busy = { schema: 'userservice', queries_per_second: 12.4, cpu_share: 0.031 };
const quiet = { schema: 'timeservice', queries_per_second: 3.1, cpu_share: 0 };

test('a block shows its queries per second and CPU share, and a bar against the busiest schema', () => {
  const activity = activityOf({ body: { tracking: 'all', schemas: [busy, quiet] } });
  assert.equal(activity.note, null);
  assert.equal(figures(activity.bySchema.get('userservice')), '12 q/s · CPU 3.1 %');
  assert.equal(figures(activity.bySchema.get('timeservice')), '3.1 q/s · CPU 0 %');
  assert.equal(share(activity.bySchema.get('userservice'), activity.busiest), 1);
  assert.equal(share(activity.bySchema.get('timeservice'), activity.busiest), 0.25);
  assert.equal(share(undefined, activity.busiest), 0, 'no figures, no bar');
});

test('when Citus tracks nothing, or the figures cannot be read, the note says why', () => {
  assert.match(activityOf({ body: { tracking: 'none', schemas: [] } }).note, /citus\.stat_tenants_track is 'none'/);
  const failed = activityOf({ failure: { status: 503, problem: { title: 'Service Unavailable' } } });
  assert.equal(failed.note, 'No activity figures: 503 Service Unavailable');
  assert.equal(failed.bySchema.size, 0);
});
