// The operator console: draws the cluster from the admin API and acts on it through the same
// API, as curl would. No framework and no build step; every text from the API goes into the page
// as text (textContent), never as markup.
'use strict';

(() => {
  const REFRESH_MS = 3000;
  /** GET /nodes asks every node for its health: every fifth refresh, and after each action. */
  const NODES_EVERY = 5;
  const JOB_POLL_MS = 1000;
  const MODES = [
    ['auto', 'auto (Citus chooses)'],
    ['force_logical', 'force_logical (keeps taking writes)'],
    ['block_writes', 'block_writes (writes wait while it copies)'],
  ];
  const FINISHED_JOB = new Set(['finished', 'failed', 'cancelled']);
  const COLOURS = 8;
  /** Pixels: a block's least height (its label: name, size, activity), as console.css has it. */
  const MIN_BLOCK = 70;
  const BLOCK_GAP = 5;
  const STACK_PADDING = 12;
  /** Rows of the audit trail the page shows, read with GET /nodes (every fifth refresh, and after each action). */
  const AUDIT_ROWS = 10;

  const $ = (id) => document.getElementById(id);
  const state = {
    session: null,
    nodes: [],
    schemas: [],
    activity: null,
    audit: null,            // { body } or { failure }: the latest GET /audit
    colours: new Map(),
    moving: new Map(),      // schema -> where this page is moving it (a move or a drain it started)
    jobMoves: new Map(),    // schema -> node key a running rebalance task is moving it to
    rebalance: null,        // the latest rebalance job, while it runs
    refreshes: 0,
    refreshing: false,
    refreshAgain: null,     // { withNodes }: a refresh asked for while one was on its way
    timer: null,
    job: null,
    jobTimer: null,
  };

  // ------------------------------------------------------------------ the API

  /** A problem+json answer (or a failure to get any answer). */
  class ApiProblem extends Error {
    constructor(status, problem) {
      super(problem.detail || problem.title || 'HTTP ' + status);
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(method, path, body) {
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
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (notJson) {
      json = null;
    }
    if (!response.ok) {
      const problem = json && typeof json === 'object' ? json : { title: response.statusText, detail: text };
      if (response.status === 401 && path !== 'session') {
        showLogin('Your session has ended: log in again.');
      }
      throw new ApiProblem(response.status, problem);
    }
    return { status: response.status, body: json };
  }

  // ------------------------------------------------------------------ small helpers

  /** An element with attributes (class and text by name) and children (text or nodes). */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') element.className = value;
      else if (name === 'text') element.textContent = value;
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  const nodeKey = (address) => address.host + ':' + address.port;

  function bytes(n) {
    const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (unit < units.length - 1 && Math.abs(value) >= 10 * 1024) {
      value /= 1024;
      unit++;
    }
    return Math.round(value) + ' ' + units[unit];
  }

  function rate(perSecond) {
    return perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond).toString();
  }

  function percent(share) {
    const value = share * 100;
    if (value === 0) return '0 %';
    return value < 0.1 ? '< 0.1 %' : value.toFixed(1) + ' %';
  }

  function nodeLabel(node) {
    return nodeKey(node.address) + (node.coordinator ? ' (coordinator)' : '');
  }

  function colourOf(schema) {
    if (!state.colours.has(schema)) {
      const used = new Set(state.colours.values());
      let colour = 0;
      while (used.has(colour) && colour < COLOURS - 1) colour++;
      state.colours.set(schema, used.size >= COLOURS ? state.colours.size % COLOURS : colour);
    }
    return 'c' + state.colours.get(schema);
  }

  // ------------------------------------------------------------------ logging in and out

  function showLogin(message) {
    stopRefreshing();
    state.session = null;
    $('console').hidden = true;
    $('who').hidden = true;
    $('login').hidden = false;
    $('operate').replaceChildren();
    $('map').replaceChildren();
    const error = $('login-error');
    error.textContent = message || '';
    error.hidden = !message;
    $('login-user').focus();
  }

  async function logIn(event) {
    event.preventDefault();
    const user = $('login-user').value.trim();
    const password = $('login-password').value;
    const error = $('login-error');
    if (!user || !password) {
      error.textContent = 'Enter a user name and a password.';
      error.hidden = false;
      return;
    }
    try {
      const session = (await api('POST', 'session', { user, password })).body;
      $('login-password').value = '';
      error.hidden = true;
      enter(session);
    } catch (failure) {
      error.textContent = failure.problem ? failure.problem.detail || failure.problem.title : failure.message;
      error.hidden = false;
      $('login-password').select();
    }
  }

  async function logOut() {
    try {
      await api('DELETE', 'session');
    } finally {
      showLogin('You have logged out.');
    }
  }

  function enter(session) {
    state.session = session;
    $('who-name').textContent = session.user;
    const role = $('who-role');
    role.textContent = session.operator ? 'operator' : 'reader: can look, not change';
    $('who').hidden = false;
    $('login').hidden = true;
    $('console').hidden = false;
    const operate = $('operate');
    operate.replaceChildren();
    if (session.operator) {
      operate.append($('operate-template').content.cloneNode(true));
      mountOperations();
    }
    refresh(true);
    state.timer = setInterval(() => refresh(false), REFRESH_MS);
  }

  function stopRefreshing() {
    clearInterval(state.timer);
    clearTimeout(state.jobTimer);
    state.timer = null;
    state.jobTimer = null;
  }

  // ------------------------------------------------------------------ the map

  /**
   * Reads the cluster and redraws the map. Asked while a refresh is on its way (an action that just
   * ended), it refreshes once more when that one is done: its answers may predate the action.
   */
  async function refresh(withNodes) {
    if (!state.session) return;
    if (state.refreshing) {
      state.refreshAgain = { withNodes: Boolean(withNodes || (state.refreshAgain && state.refreshAgain.withNodes)) };
      return;
    }
    state.refreshing = true;
    try {
      const wantNodes = withNodes || state.nodes.length === 0 || state.refreshes % NODES_EVERY === 0;
      const [nodes, schemas, activity, rebalance, audit, leftovers] = await Promise.all([
        wantNodes ? api('GET', 'nodes').then((r) => r.body) : Promise.resolve(state.nodes),
        api('GET', 'schemas').then((r) => r.body),
        api('GET', 'activity').then((r) => ({ body: r.body }), (failure) => ({ failure })),
        api('GET', 'rebalance').then((r) => r.body, () => null), // 404: none ever ran
        wantNodes || !state.audit
          ? api('GET', 'audit?limit=' + AUDIT_ROWS).then((r) => ({ body: r.body }), (failure) => ({ failure }))
          : Promise.resolve(state.audit),
        api('GET', 'cleanup').then((r) => r.body, () => null),
      ]);
      state.refreshes++;
      state.nodes = nodes;
      state.schemas = schemas;
      state.activity = activity;
      const newAudit = audit !== state.audit; // read with the nodes only: redraw the table when it was
      state.audit = audit;
      followRunning(rebalance);
      renderLeftovers(leftovers);
      render();
      if (newAudit) renderAudit();
      $('trouble').hidden = true;
      $('refreshed').textContent = 'Updated ' + new Date().toLocaleTimeString() + ' · refreshes every '
        + REFRESH_MS / 1000 + ' s';
    } catch (failure) {
      if (failure.status !== 401) {
        const trouble = $('trouble');
        trouble.textContent = 'Could not refresh the map: ' + describe(failure) + '. Showing what was last seen.';
        trouble.hidden = false;
      }
    } finally {
      state.refreshing = false;
      const again = state.refreshAgain;
      state.refreshAgain = null;
      if (again) refresh(again.withNodes);
    }
  }

  function activityBySchema() {
    const seen = new Map();
    const answer = state.activity;
    const note = $('activity-note');
    if (answer && answer.body && answer.body.tracking !== 'none') {
      for (const schema of answer.body.schemas) seen.set(schema.schema, schema);
      note.hidden = true;
    } else if (answer && answer.body) {
      note.textContent = 'Citus counts no activity on this cluster (citus.stat_tenants_track is \'none\'): '
        + 'set it to \'all\' on every node to see queries and CPU per schema (see the README).';
      note.hidden = false;
    } else if (answer && answer.failure) {
      note.textContent = 'No activity figures: ' + describe(answer.failure);
      note.hidden = false;
    }
    return seen;
  }

  function render() {
    const map = $('map');
    const activity = activityBySchema();
    const totals = new Map(state.nodes.map((n) => [nodeKey(n.address), 0]));
    for (const schema of state.schemas) {
      if (schema.node) totals.set(nodeKey(schema.node), (totals.get(nodeKey(schema.node)) || 0) + schema.size_bytes);
    }
    const busiest = Math.max(0, ...[...activity.values()].map((a) => a.queries_per_second));

    const columns = new Map([...map.children].map((column) => [column.dataset.node, column]));
    for (const node of state.nodes) {
      const key = nodeKey(node.address);
      const column = columns.get(key) || newColumn(key);
      columns.delete(key);
      updateColumn(column, node, totals.get(key) || 0);
      map.append(column); // in the API's order; an element already there just moves
    }
    columns.forEach((column) => column.remove());

    const blocks = new Map([...map.querySelectorAll('.schema')].map((block) => [block.dataset.schema, block]));
    const unplaced = [];
    const scale = pixelsPerByte(stackPixels());
    for (const schema of [...state.schemas].sort((a, b) => a.name.localeCompare(b.name))) {
      const column = schema.node && map.querySelector('[data-node="' + CSS.escape(nodeKey(schema.node)) + '"]');
      if (!column) {
        unplaced.push(schema.name);
        continue;
      }
      const block = blocks.get(schema.name) || newBlock(schema.name);
      blocks.delete(schema.name);
      updateBlock(block, schema, activity.get(schema.name), scale, busiest);
      column.querySelector('.stack').append(block);
    }
    blocks.forEach((block) => block.remove());
    renderBalance(totals, unplaced);
    if (state.session && state.session.operator) updateChoices();
  }

  /**
   * The one scale of the map: a block's height is its bytes times this, or the height of its label
   * when that is more, and the fullest column still fits the map's height. Blocks under the floor
   * take it, and the rest share what is left, column by column, until no block changes side.
   */
  function pixelsPerByte(height) {
    let scale = Infinity;
    const byNode = new Map();
    for (const schema of state.schemas) {
      if (!schema.node) continue;
      const key = nodeKey(schema.node);
      byNode.set(key, [...(byNode.get(key) || []), Math.max(schema.size_bytes, 1)]);
    }
    for (const sizes of byNode.values()) {
      const room = height - STACK_PADDING - BLOCK_GAP * (sizes.length - 1);
      let floored = 0;
      let columnScale = room / sizes.reduce((a, b) => a + b, 0);
      for (let changed = true; changed;) {
        const small = sizes.filter((b) => b * columnScale < MIN_BLOCK);
        const large = sizes.filter((b) => b * columnScale >= MIN_BLOCK).reduce((a, b) => a + b, 0);
        changed = small.length !== floored && large > 0;
        floored = small.length;
        if (large > 0) columnScale = Math.max(0, room - MIN_BLOCK * floored) / large;
      }
      scale = Math.min(scale, columnScale);
    }
    return Number.isFinite(scale) ? scale : 0;
  }

  function stackPixels() {
    const value = getComputedStyle(document.documentElement).getPropertyValue('--map-height');
    return parseInt(value, 10) || 300;
  }

  function newColumn(key) {
    const column = el('article', { class: 'node', role: 'listitem', 'data-node': key },
      el('header', {}, el('div', { class: 'name' }), el('div', { class: 'facts' })),
      el('div', { class: 'stack' }),
      el('footer', {}));
    return column;
  }

  function updateColumn(column, node, total) {
    column.querySelector('.name').textContent = nodeKey(node.address);
    const facts = [
      el('span', { class: 'badge' }, node.coordinator ? 'coordinator' : 'worker'),
      node.healthy === false ? el('span', { class: 'badge bad' }, 'unreachable')
        : el('span', { class: 'badge good' }, 'healthy'),
    ];
    if (!node.should_have_shards) facts.push(el('span', { class: 'badge' }, 'takes no schemas'));
    column.querySelector('.facts').replaceChildren(...facts);
    column.classList.toggle('shardless', !node.should_have_shards);
    column.dataset.totalBytes = total;
    column.querySelector('footer').replaceChildren('Schemas: ', el('strong', {}, bytes(total)));
    column.setAttribute('aria-label', nodeKey(node.address) + ', ' + (node.coordinator ? 'coordinator' : 'worker')
      + ', schemas ' + bytes(total));
  }

  function newBlock(name) {
    return el('div', { class: 'schema ' + colourOf(name), 'data-schema': name },
      el('span', { class: 'label' }, el('span', { class: 'pin', hidden: '', title: 'pinned: stays on this node' }, 'pinned'), el('span', { class: 'name' }, name),
        el('span', { class: 'whither' })),
      el('span', { class: 'figures size' }),
      el('span', { class: 'figures activity' }),
      el('span', { class: 'meter', 'aria-hidden': 'true' }, el('span', {})));
  }

  function updateBlock(block, schema, activity, scale, busiest) {
    block.dataset.sizeBytes = schema.size_bytes;
    block.dataset.node = nodeKey(schema.node);
    block.querySelector('.size').textContent = schema.size;
    const figures = block.querySelector('.activity');
    if (activity) {
      block.dataset.queriesPerSecond = activity.queries_per_second;
      block.dataset.queries = activity.queries_this_period + activity.queries_last_period;
      figures.textContent = rate(activity.queries_per_second) + ' q/s · CPU ' + percent(activity.cpu_share);
    } else {
      delete block.dataset.queriesPerSecond;
      figures.textContent = '';
    }
    // How busy, against the busiest schema: the bar under the figures.
    const share = activity && busiest > 0 ? activity.queries_per_second / busiest : 0;
    block.querySelector('.meter span').style.width = Math.round(share * 100) + '%';
    block.style.height = Math.max(MIN_BLOCK, Math.round(schema.size_bytes * scale)) + 'px';
    const target = state.moving.get(schema.name) || state.jobMoves.get(schema.name);
    block.classList.toggle('moving', Boolean(target));
    block.querySelector('.whither').textContent = target ? ' → ' + target : '';
    block.querySelector('.pin').hidden = !schema.pin;
    block.classList.toggle('pinned', Boolean(schema.pin));
    block.title = schema.name + ': ' + schema.size + ' on ' + nodeKey(schema.node) + ', owner ' + schema.owner
      + (schema.pin ? '; pinned by ' + schema.pin.pinned_by + ' at ' + new Date(schema.pin.pinned_at).toLocaleString() : '');
  }

  function renderBalance(totals, unplaced) {
    const holders = state.nodes.filter((n) => n.should_have_shards).map((n) => totals.get(nodeKey(n.address)) || 0);
    const sum = [...totals.values()].reduce((a, b) => a + b, 0);
    let text = state.schemas.length + ' distributed schema' + (state.schemas.length === 1 ? '' : 's') + ', '
      + bytes(sum) + ' in all, on ' + holders.length + (holders.length === 1 ? ' node that takes' : ' nodes that take')
      + ' schemas. ';
    if (holders.length > 1) {
      const most = Math.max(...holders);
      const least = Math.min(...holders);
      if (most === least) text += 'Even: each holds ' + bytes(most) + '.';
      else text += 'Uneven by ' + bytes(most - least) + ': the fullest holds ' + bytes(most) + ', the emptiest '
        + bytes(least) + (least > 0 ? ' (' + (most / least).toFixed(1) + '×).' : '.');
    }
    if (unplaced.length) text += ' Not placed yet (no table): ' + unplaced.join(', ') + '.';
    $('balance').textContent = text;
  }

  // ------------------------------------------------------------------ outcomes

  function describe(failure) {
    const problem = failure.problem || {};
    return (failure.status ? failure.status + ' ' : '') + (problem.title || 'Error')
      + (problem.detail ? ': ' + problem.detail : '');
  }

  function showOutcome(title, lines, notices) {
    const box = el('div', { class: 'outcome' }, el('h3', {}, title), lines.map((line) => el('p', {}, line)));
    if (notices && notices.length) {
      box.append(el('p', {}, 'Citus said:'), el('ul', { class: 'notices' }, notices.map((n) => el('li', {}, n))));
    }
    show(box);
  }

  function showProblem(title, failure) {
    const problem = failure.problem || {};
    const box = el('div', { class: 'outcome failed' },
      el('h3', {}, title),
      el('p', { class: 'problem-title' }, (failure.status ? failure.status + ' ' : '') + (problem.title || 'Error')),
      problem.detail ? el('p', { class: 'problem-detail' }, problem.detail) : null);
    if (problem.errors && problem.errors.length) {
      box.append(el('ul', { class: 'notices' }, problem.errors.map((e) => el('li', {}, (e.field || 'body') + ': ' + e.message))));
    }
    if (problem.notices && problem.notices.length) {
      box.append(el('p', {}, 'Citus said:'), el('ul', { class: 'notices' }, problem.notices.map((n) => el('li', {}, n))));
    }
    show(box);
  }

  function show(box) {
    $('result').replaceChildren(box);
    $('result-section').hidden = false;
  }

  // ------------------------------------------------------------------ operating

  function mountOperations() {
    for (const select of document.querySelectorAll('select.modes')) {
      select.replaceChildren(...MODES.map(([value, label]) => el('option', { value }, label)));
    }
    $('move-form').addEventListener('submit', move);
    $('distribute-form').addEventListener('submit', distribute);
    $('drain-form').addEventListener('submit', drain);
    $('pin-form').addEventListener('submit', pin);
    $('unpin-button').addEventListener('click', unpin);
    $('pin-schema').addEventListener('change', updatePinState);
    $('distribute-node').addEventListener('change', () => {
      $('distribute-pin').disabled = !$('distribute-node').value;
      if ($('distribute-pin').disabled) $('distribute-pin').checked = false;
    });
    $('rebalance-form').addEventListener('submit', startRebalance);
    $('plan-button').addEventListener('click', showPlan);
    $('stop-button').addEventListener('click', stopRebalance);
    api('GET', 'rebalance/strategies').then((r) => {
      $('rebalance-strategy').replaceChildren(...r.body.map((s) =>
        el('option', { value: s.name, selected: s.default }, s.name + (s.default ? ' (default)' : ''))));
    }, (failure) => showProblem('Could not read the rebalance strategies', failure));
    api('GET', 'rebalance').then((r) => {
      if (!FINISHED_JOB.has(r.body.state)) followJob(r.body.job_id);
    }, () => { /* no rebalance has run here */ });
  }

  /** Replaces a select's options when they changed, keeping the chosen one. */
  function choices(select, options) {
    const wanted = JSON.stringify(options);
    if (select.dataset.options === wanted) return;
    const chosen = select.value;
    select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
    if (options.some(([value]) => value === chosen)) select.value = chosen;
    select.dataset.options = wanted;
  }

  function updateChoices() {
    if (!$('move-schema')) return;
    choices($('move-schema'), state.schemas.filter((s) => s.node).map((s) => [s.name, s.name + ' (on ' + nodeKey(s.node) + ')']));
    choices($('move-target'), state.nodes.filter((n) => n.should_have_shards).map((n) => [nodeKey(n.address), nodeLabel(n)]));
    choices($('drain-node'), state.nodes.filter((n) => !n.coordinator).map((n) => [nodeKey(n.address), nodeLabel(n)]));
    choices($('distribute-node'), [['', 'Where Citus places it'], ...state.nodes.filter((n) => n.should_have_shards && !n.coordinator)
      .map((n) => [nodeKey(n.address), nodeLabel(n)])]);
    $('distribute-pin').disabled = !$('distribute-node').value;
    if ($('distribute-pin').disabled) $('distribute-pin').checked = false;
    choices($('pin-schema'), state.schemas.filter((s) => s.node).map((s) => [s.name, s.name
      + ' (on ' + nodeKey(s.node) + (s.pin ? ', pinned' : '') + ')']));
    updatePinState();
  }

  /** What the pin form's schema is: pinned (by whom, when) or not, and which of its buttons apply. */
  function updatePinState() {
    const schema = state.schemas.find((s) => s.name === $('pin-schema').value);
    const pin = schema && schema.pin;
    $('pin-state').textContent = !schema ? '' : pin
      ? 'Pinned to ' + nodeKey(pin.node) + ' by ' + pin.pinned_by + ', ' + new Date(pin.pinned_at).toLocaleString() + '.'
      : 'Not pinned: a rebalance may move it.';
    if (!$('pin-form').hasAttribute('aria-busy')) {
      $('pin-button').disabled = !schema || Boolean(pin);
      $('unpin-button').disabled = !pin;
    }
  }

  function address(key) {
    const colon = key.lastIndexOf(':');
    return { host: key.slice(0, colon), port: Number(key.slice(colon + 1)) };
  }

  /** Runs an action with its form's buttons disabled, then refreshes the map. */
  async function acting(form, action) {
    const buttons = [...form.querySelectorAll('button')];
    const was = buttons.map((b) => b.disabled);
    buttons.forEach((b) => { b.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    try {
      await action();
    } finally {
      buttons.forEach((b, i) => { b.disabled = was[i]; });
      if ($('stop-button')) $('stop-button').disabled = !state.job; // whatever it was: is a job running now?
      form.removeAttribute('aria-busy');
      refresh(true);
    }
  }

  function seconds(since) {
    return ((performance.now() - since) / 1000).toFixed(1) + ' s';
  }

  async function move(event) {
    event.preventDefault();
    const form = event.target;
    const schema = $('move-schema').value;
    const to = $('move-target').value;
    const mode = $('move-mode').value;
    const from = state.schemas.find((s) => s.name === schema);
    await acting(form, async () => {
      state.moving.set(schema, to);
      render();
      const started = performance.now();
      try {
        const answer = (await api('POST', 'schemas/' + encodeURIComponent(schema) + '/move', { ...address(to), mode })).body;
        showOutcome('Moved ' + schema, [
          'From ' + (from && from.node ? nodeKey(from.node) : '?') + ' to ' + nodeKey(answer.result.node)
            + ' (' + mode + ') in ' + seconds(started) + '; its size: ' + answer.result.size + '.',
        ], answer.notices);
      } catch (failure) {
        showProblem('Moving ' + schema + ' to ' + to + ' failed', failure);
      } finally {
        state.moving.delete(schema);
      }
    });
  }

  async function distribute(event) {
    event.preventDefault();
    const schema = $('distribute-schema').value.trim();
    const onto = $('distribute-node').value;
    const request = onto ? { schema, ...address(onto), pin: $('distribute-pin').checked } : { schema };
    await acting(event.target, async () => {
      try {
        const answer = (await api('POST', 'schemas', request)).body;
        const placed = answer.result.node ? 'on ' + nodeKey(answer.result.node) : 'not placed yet (it has no table)';
        showOutcome('Distributed ' + schema, ['It is a distributed schema now, ' + placed + ', ' + answer.result.size + '.'
          + (answer.result.pin ? ' It is pinned there.' : '')], answer.notices);
        $('distribute-schema').value = '';
      } catch (failure) {
        showProblem('Distributing ' + (schema || '(no name)') + ' failed', failure);
      }
    });
  }

  async function pin(event) {
    event.preventDefault();
    const schema = $('pin-schema').value;
    await acting($('pin-form'), async () => {
      try {
        const answer = (await api('PUT', 'schemas/' + encodeURIComponent(schema) + '/pin')).body;
        showOutcome('Pinned ' + schema, ['It stays on ' + nodeKey(answer.node) + ': no rebalance or drain moves it '
          + 'until it is unpinned.'], []);
      } catch (failure) {
        showProblem('Pinning ' + schema + ' failed', failure);
      }
    });
  }

  async function unpin() {
    const schema = $('pin-schema').value;
    await acting($('pin-form'), async () => {
      try {
        const answer = (await api('DELETE', 'schemas/' + encodeURIComponent(schema) + '/pin')).body;
        showOutcome('Unpinned ' + schema, ['It was pinned to ' + nodeKey(answer.node) + ' by ' + answer.pinned_by
          + '; the next rebalance may move it.'], []);
      } catch (failure) {
        showProblem('Unpinning ' + schema + ' failed', failure);
      }
    });
  }

  async function drain(event) {
    event.preventDefault();
    const key = $('drain-node').value;
    const mode = $('drain-mode').value;
    const { host, port } = address(key);
    const before = state.schemas.filter((s) => s.node && nodeKey(s.node) === key).map((s) => s.name);
    await acting(event.target, async () => {
      before.forEach((schema) => state.moving.set(schema, 'elsewhere'));
      render();
      const started = performance.now();
      try {
        const answer = (await api('POST', 'nodes/' + encodeURIComponent(host) + '/' + port + '/drain', { mode })).body;
        showOutcome('Drained ' + key, [
          'Moved off it in ' + seconds(started) + ': ' + (before.length ? before.join(', ') : 'no schema') + '.',
          'It holds ' + answer.result.size + ' now and takes no schemas until a rebalance or an operator gives it some.',
        ], answer.notices);
      } catch (failure) {
        showProblem('Draining ' + key + ' failed', failure);
      } finally {
        before.forEach((schema) => state.moving.delete(schema));
      }
    });
  }

  // ------------------------------------------------------------------ rebalancing

  function strategyQuery() {
    const strategy = $('rebalance-strategy').value;
    return strategy ? '?strategy=' + encodeURIComponent(strategy) : '';
  }

  function schemaOfTable(table) {
    const dot = table.indexOf('.');
    return dot > 0 ? table.slice(0, dot).replace(/^"|"$/g, '') : table;
  }

  async function showPlan() {
    const form = $('rebalance-form');
    await acting(form, async () => {
      try {
        const answer = (await api('GET', 'rebalance/plan' + strategyQuery())).body;
        renderPlan(answer.result, answer.notices, answer.pinned);
      } catch (failure) {
        $('plan').replaceChildren();
        showProblem('Could not plan a rebalance', failure);
      }
    });
  }

  /** The plan's shard moves by schema: a schema's tables move together, as one shard group. */
  function planBySchema(moves) {
    const groups = new Map();
    for (const move of moves) {
      const schema = schemaOfTable(move.table);
      const key = schema + ' ' + nodeKey(move.source) + ' ' + nodeKey(move.target);
      if (!groups.has(key)) groups.set(key, { schema, source: nodeKey(move.source), target: nodeKey(move.target), tables: [] });
      groups.get(key).tables.push(move.table.slice(move.table.indexOf('.') + 1));
    }
    return [...groups.values()];
  }

  function renderPlan(moves, notices, pinned) {
    const plan = $('plan');
    const parts = [el('h4', {}, 'Plan (' + $('rebalance-strategy').value + ')')];
    const schemas = planBySchema(moves);
    if (schemas.length) {
      const sizes = new Map(state.schemas.map((s) => [s.name, s.size]));
      parts.push(el('table', { class: 'plan-moves' },
        el('thead', {}, el('tr', {}, ['Schema', 'Size', 'From', 'To', 'Tables'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, schemas.map((m) => el('tr', {},
          el('td', {}, m.schema), el('td', {}, sizes.get(m.schema) || ''), el('td', {}, m.source), el('td', {}, m.target),
          el('td', {}, m.tables.join(', ')))))));
    } else {
      parts.push(el('p', { class: 'plan-empty' }, 'Citus plans no move' + (notices.length ? ':' : ': the cluster is balanced under this strategy.')));
    }
    if (pinned && pinned.length) {
      parts.push(el('p', { class: 'plan-pinned' }, 'Left where they are (pinned): '
        + pinned.map((p) => p.schema + ' on ' + nodeKey(p.node)).join(', ') + '.'));
    }
    if (notices.length) parts.push(el('ul', { class: 'notices plan-notices' }, notices.map((n) => el('li', {}, n))));
    plan.replaceChildren(...parts);
    return schemas.length;
  }

  async function startRebalance(event) {
    event.preventDefault();
    const form = event.target;
    const strategy = $('rebalance-strategy').value;
    const mode = $('rebalance-mode').value;
    await acting(form, async () => {
      try {
        const plan = (await api('GET', 'rebalance/plan' + strategyQuery())).body;
        const schemas = renderPlan(plan.result, plan.notices, plan.pinned);
        const answer = (await api('POST', 'rebalance', { strategy, mode })).body;
        if (answer.job_id === null || answer.job_id === undefined) {
          showOutcome('Nothing to rebalance', ['Citus started no job: it found nothing to move.'], answer.notices);
          return;
        }
        showOutcome('Rebalance started', ['Background job ' + answer.job_id + ' (' + strategy + ', ' + mode + '): '
          + schemas + ' schema' + (schemas === 1 ? '' : 's') + ' to move as planned.'], answer.notices);
        followJob(answer.job_id);
      } catch (failure) {
        showProblem('Starting a rebalance failed', failure);
      }
    });
  }

  async function stopRebalance() {
    try {
      const answer = (await api('DELETE', 'rebalance')).body;
      showOutcome('Stop requested', ['Citus cancels the job\'s remaining moves; a move under way is rolled back.'], answer.notices);
    } catch (failure) {
      showProblem('Stopping the rebalance failed', failure);
    }
  }

  function followJob(id) {
    clearTimeout(state.jobTimer);
    state.job = { id, started: performance.now() };
    $('stop-button').disabled = false;
    pollJob();
  }

  async function pollJob() {
    if (!state.job || !state.session) return;
    const id = state.job.id;
    let job;
    try {
      job = (await api('GET', 'rebalance/jobs/' + id)).body;
    } catch (failure) {
      showProblem('Could not follow rebalance job ' + id, failure);
      state.job = null;
      $('stop-button').disabled = true;
      return;
    }
    renderProgress(job);
    followRunning(job);
    render();
    if (FINISHED_JOB.has(job.state)) {
      const done = doneTasks(job);
      const lines = ['Job ' + id + ' ' + job.state + ': ' + done + ' of ' + job.tasks.length + ' task'
        + (job.tasks.length === 1 ? '' : 's') + ' done.'];
      const failed = job.tasks.filter((t) => t.message && t.status !== 'done');  // their last error
      failed.forEach((t) => lines.push('Task ' + t.task_id + ' (' + t.status + '): ' + t.message));
      if (job.state === 'finished') showOutcome('Rebalance finished', lines, []);
      else show(el('div', { class: 'outcome failed' }, el('h3', {}, 'Rebalance ' + job.state), lines.map((l) => el('p', {}, l))));
      state.job = null;
      $('stop-button').disabled = true;
      refresh(true);
      return;
    }
    state.jobTimer = setTimeout(pollJob, JOB_POLL_MS);
  }

  function doneTasks(job) {
    return job.tasks.filter((t) => t.status === 'done').length;
  }

  /**
   * What a rebalance task moves: Citus' command is citus_move_shard_placement(shard, source node id,
   * target node id, mode); the shard names the schema (GET /schemas lists each one's shard ids).
   */
  function taskMove(task) {
    const call = /citus_move_shard_placement\((\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(task.command || '');
    if (!call) return null;
    const schema = state.schemas.find((s) => (s.shard_ids || []).includes(Number(call[1])));
    const target = state.nodes.find((n) => n.id === Number(call[3]));
    return { shard: call[1], schema: schema && schema.name, target: target ? nodeKey(target.address) : 'node ' + call[3] };
  }

  /** Marks the schemas a running rebalance is moving, whoever started it, and says so above the map. */
  function followRunning(job) {
    state.jobMoves.clear();
    const running = job && !FINISHED_JOB.has(job.state);
    if (running) {
      for (const task of job.tasks) {
        const move = task.status === 'running' && taskMove(task);
        if (move && move.schema) state.jobMoves.set(move.schema, move.target);
      }
    }
    const line = $('rebalance-line');
    if (running) {
      const done = doneTasks(job);
      line.textContent = 'Rebalance job ' + job.job_id + ' is ' + job.state + ': ' + done + ' of ' + job.tasks.length
        + ' moves done.';
    }
    line.hidden = !running;
  }

  /**
   * What moves left on the nodes for Citus to delete (GET /cleanup): after a move that failed half-way,
   * its copy of the shards, publication, replication slot and subscription, until cleanup deletes them.
   */
  function renderLeftovers(leftovers) {
    const box = $('leftovers');
    if (!leftovers) return; // not readable now: keep what was shown
    box.hidden = leftovers.length === 0;
    if (box.hidden) return;
    const where = new Map();
    for (const leftover of leftovers) {
      const key = leftover.node ? nodeKey(leftover.node) : 'a removed node';
      where.set(key, (where.get(key) || []).concat(leftover.kind.replace('_', ' ')));
    }
    $('leftovers-text').textContent = leftovers.length + ' leftover' + (leftovers.length === 1 ? '' : 's')
      + ' of moves wait for Citus\' cleanup: ' + [...where].map(([node, kinds]) => node + ' (' + kinds.join(', ') + ')').join('; ')
      + '. Citus deletes them in the background once nothing uses them.';
    $('cleanup-button').hidden = !(state.session && state.session.operator);
  }

  async function cleanUp() {
    const button = $('cleanup-button');
    button.disabled = true;
    try {
      const answer = (await api('POST', 'cleanup')).body;
      const left = answer.result.left;
      showOutcome('Cleanup done', ['Citus deleted ' + answer.result.cleaned + ' leftover'
        + (answer.result.cleaned === 1 ? '' : 's') + '; ' + (left.length ? left.length + ' still in use or on a node that does not answer.'
        : 'nothing is left.')], answer.notices);
    } catch (failure) {
      showProblem('Cleanup failed', failure);
    } finally {
      button.disabled = false;
      refresh(true);
    }
  }

  function renderProgress(job) {
    const done = doneTasks(job);
    const total = job.tasks.length;
    const rows = job.tasks.map((task) => {
      const move = taskMove(task);
      const what = move ? (move.schema || 'shard ' + move.shard) + ' → ' + move.target : task.command;
      // A task's message is its last error, or the command tag of a done one ("SELECT 1").
      const status = task.status + (task.message && task.status !== 'done' ? ': ' + task.message : '');
      return el('tr', {}, el('td', {}, task.task_id), el('td', {}, what),
        el('td', { class: task.status === 'done' ? 'task-done' : (task.status === 'error' ? 'task-error' : '') }, status));
    });
    $('progress').replaceChildren(
      el('h4', {}, 'Job ' + job.job_id + ': ' + job.state),
      el('label', { for: 'job-progress' }, done + ' of ' + total + ' moves done'),
      el('progress', { id: 'job-progress', max: Math.max(total, 1), value: done }),
      el('table', { class: 'job-tasks' },
        el('thead', {}, el('tr', {}, ['Task', 'Move', 'Status'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows)));
    $('progress').dataset.state = job.state;
  }

  // ------------------------------------------------------------------ recent changes

  /** What a record asked for, in a few words: the operation and what it names (schema, node, body). */
  function asked(record) {
    const parameters = record.parameters || {};
    const named = Object.values(parameters.path || {}).join(':');
    const body = parameters.body && typeof parameters.body === 'object' ? parameters.body : null;
    const details = body ? Object.entries(body).map(([k, v]) => k + ' ' + (typeof v === 'object' ? JSON.stringify(v) : v)) : [];
    return [record.operation, named, details.join(', ')].filter((part) => part).join(' · ');
  }

  function outcomeOf(record) {
    const outcome = record.outcome;
    if (!outcome) return 'no answer recorded (the server stopped while it ran)';
    let text = String(outcome.status) + (outcome.status < 400 ? ' done' : ' ' + (outcome.title || '')
      + (outcome.detail ? ': ' + outcome.detail : ''));
    if (outcome.job_id) {
      text += ' · job ' + outcome.job_id + (outcome.job_state
        ? ' ' + outcome.job_state + ' ' + new Date(outcome.job_ended_at).toLocaleTimeString() : ' running');
    }
    return text;
  }

  function renderAudit() {
    const answer = state.audit;
    const note = $('audit-note');
    if (!answer) return;
    if (answer.failure) {
      note.textContent = 'The audit trail could not be read: ' + describe(answer.failure);
      note.hidden = false;
      return;
    }
    note.hidden = answer.body.records.length > 0;
    note.textContent = 'Nothing has been changed through the admin API yet.';
    $('audit').querySelector('tbody').replaceChildren(...answer.body.records.map((record) => el('tr', {
      'data-id': record.id,
      class: record.outcome && record.outcome.status >= 400 ? 'refused' : null,
    }, el('td', { 'data-label': 'When' }, el('time', { datetime: record.at, title: record.at }, new Date(record.at).toLocaleString())),
    el('td', { 'data-label': 'Who' }, record.user + ' (' + record.address + ')'),
    el('td', { 'data-label': 'What' }, asked(record)),
    el('td', { 'data-label': 'Outcome' }, outcomeOf(record)))));
  }

  // ------------------------------------------------------------------ start

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', logIn);
    $('cleanup-button').addEventListener('click', cleanUp);
    $('logout').addEventListener('click', logOut);
    api('GET', 'session').then((r) => (r.body.user ? enter(r.body) : showLogin()),
      (failure) => showLogin('The admin API did not answer: ' + describe(failure)));
  });
})();
