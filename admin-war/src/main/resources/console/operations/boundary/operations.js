// The operator's controls (the page's template "operate-template"): only an operator's page gets
// them, a reader's has none. Here the cards that move, distribute, pin and drain; the Rebalance
// card draws itself (rebalance/boundary/rebalance-form.js).

import { byId, choices, whileBusy } from '../../dom.js';
import { nodeKey, nodeLabel } from '../../format.js';
import { current, subscribe } from '../../store.js';
import { drawRebalanceForm, wireRebalanceForm } from '../../rebalance/boundary/rebalance-form.js';
import { distribute, drain, move, pin, unpin } from '../control/operations.js';
import { MODES } from '../entity/modes.js';

let mounted = null; // the session the controls were mounted for

export function mount() {
  subscribe(draw);
}

function draw(state) {
  if (state.session !== mounted) {
    mounted = state.session;
    byId('operate').replaceChildren();
    if (mounted && mounted.operator) {
      byId('operate').append(byId('operate-template').content.cloneNode(true));
      wire();
      wireRebalanceForm();
    }
  }
  if (!byId('move-form')) return;
  drawChoices(state);
  drawRebalanceForm(state);
}

function wire() {
  choices(byId('move-mode'), MODES);
  choices(byId('drain-mode'), MODES);
  onSubmit('move-form', () => move(byId('move-schema').value, byId('move-target').value, byId('move-mode').value));
  onSubmit('distribute-form', async () => {
    const schema = byId('distribute-schema').value.trim();
    if (await distribute(schema, byId('distribute-node').value, byId('distribute-pin').checked)) {
      byId('distribute-schema').value = '';
    }
  });
  onSubmit('pin-form', () => pin(byId('pin-schema').value));
  byId('unpin-button').addEventListener('click', () =>
    whileBusy(byId('pin-form'), () => unpin(byId('pin-schema').value)),
  );
  onSubmit('drain-form', () => drain(byId('drain-node').value, byId('drain-mode').value));
  byId('pin-schema').addEventListener('change', () => drawPinState(current()));
  byId('distribute-node').addEventListener('change', allowPin);
}

/** A form's submit runs its action with the form's buttons disabled. */
function onSubmit(id, action) {
  const form = byId(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    whileBusy(form, action);
  });
}

/** The lists of schemas and nodes, as the map has them now. */
function drawChoices(state) {
  const placed = state.schemas.filter((s) => s.node);
  const options = (nodes) => nodes.map((n) => [nodeKey(n.address), nodeLabel(n)]);
  choices(
    byId('move-schema'),
    placed.map((s) => [s.name, s.name + ' (on ' + nodeKey(s.node) + ')']),
  );
  choices(byId('move-target'), options(state.nodes.filter((n) => n.should_have_shards)));
  choices(byId('drain-node'), options(state.nodes.filter((n) => !n.coordinator)));
  choices(byId('distribute-node'), [
    ['', 'Where Citus places it'],
    ...options(state.nodes.filter((n) => n.should_have_shards && !n.coordinator)),
  ]);
  allowPin();
  choices(
    byId('pin-schema'),
    placed.map((s) => [s.name, s.name + ' (on ' + nodeKey(s.node) + (s.pin ? ', pinned' : '') + ')']),
  );
  drawPinState(state);
}

/** A schema is pinned to the node it is distributed onto: no node chosen, no pin. */
function allowPin() {
  const box = byId('distribute-pin');
  box.disabled = !byId('distribute-node').value;
  if (box.disabled) box.checked = false;
}

/** Whether the pin form's schema is pinned (by whom, when), and which of its buttons apply. */
function drawPinState(state) {
  const schema = state.schemas.find((s) => s.name === byId('pin-schema').value);
  const pinned = schema && schema.pin;
  byId('pin-state').textContent = !schema
    ? ''
    : pinned
      ? 'Pinned to ' +
        nodeKey(pinned.node) +
        ' by ' +
        pinned.pinned_by +
        ', ' +
        new Date(pinned.pinned_at).toLocaleString() +
        '.'
      : 'Not pinned: a rebalance may move it.';
  if (!byId('pin-form').hasAttribute('aria-busy')) {
    byId('pin-button').disabled = !schema || Boolean(pinned);
    byId('unpin-button').disabled = !pinned;
  }
}
