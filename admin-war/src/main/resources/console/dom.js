// Small helpers to build and update the page. Every text from the API goes in as text
// (textContent, text nodes), never as markup.

export const byId = (id) => document.getElementById(id);

/** An element with attributes (class and text by name) and children (text or nodes). */
export function el(tag, attributes, ...children) {
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

/**
 * Replaces a select's options ([value, label] pairs) only when they changed, keeping the chosen
 * one: a refresh every 3 s must not close a list the user has open.
 */
export function choices(select, options) {
  const wanted = JSON.stringify(options);
  if (select.dataset.options === wanted) return;
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
  if (options.some(([value]) => value === chosen)) select.value = chosen;
  select.dataset.options = wanted;
}

/** Runs an action with its form's buttons disabled and the form marked busy, then puts them back. */
export async function whileBusy(form, action) {
  const buttons = [...form.querySelectorAll('button')];
  const was = buttons.map((b) => b.disabled);
  buttons.forEach((b) => {
    b.disabled = true;
  });
  form.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    buttons.forEach((b, i) => {
      b.disabled = was[i];
    });
    form.removeAttribute('aria-busy');
  }
}
