// The snippet builder: a site owner picks a widget, fills a form, sees the
// real widget follow along and copies the markup to paste.
//
// The form knows no rule of its own: every value goes to the widget as it
// is, and what the widget refuses comes back as `sharelock:error` events
// (code, attribute, message) that are shown next to the field that set the
// attribute. So the builder can never disagree with the widgets.
//
// Markup: one <form id="builder">; every control that sets an attribute has
// data-attribute="<name>" (checkboxes of one name are joined with commas);
// controls inside a [hidden] group are left out; #pay-content is the locked
// content of <sharelock-pay>. The page's lang picks the messages below.
const TEXT = {
  en: {
    copied: 'Snippet copied. Paste it into your page.',
    copyBlocked: 'This browser did not let the page copy. The snippet is selected in the box below: press Ctrl+C (⌘C on a Mac).',
    problems: (n) => (n === 0 ? 'The widget accepts these settings.' : n === 1 ? '1 setting needs a change.' : `${n} settings need a change.`),
    head: 'In your page\'s <head> (once per page):',
    body: 'Where the widget goes:',
    content: 'Enable JavaScript to unlock this.',
  },
  es: {
    copied: 'Código copiado. Pégalo en tu página.',
    copyBlocked: 'Este navegador no deja copiar a la página. El código está seleccionado en el cuadro de abajo: pulsa Ctrl+C (⌘C en Mac).',
    problems: (n) => (n === 0 ? 'El widget acepta estos ajustes.' : n === 1 ? 'Hay que cambiar 1 ajuste.' : `Hay que cambiar ${n} ajustes.`),
    head: 'En el <head> de tu página (una vez por página):',
    body: 'Donde va el widget:',
    content: 'Activa JavaScript para desbloquear esto.',
  },
};
const text = document.documentElement.lang.startsWith('es') ? TEXT.es : TEXT.en;

const form = document.getElementById('builder');
const preview = document.getElementById('preview');
const snippetCode = document.getElementById('snippet');
const copyButton = document.getElementById('copy');
const copyStatus = document.getElementById('copy-status');
const fallback = document.getElementById('snippet-fallback');
const summary = document.getElementById('problems');
const baseInput = document.getElementById('base');

// The SRI tags for every page and each widget's preloads, for the files'
// default path (dist/snippets.json, written by the build).
let generated = { base: '', head: '', widgets: {} };
let element = null;
let problems = 0;

/** Attribute values go into the snippet literally; escape what HTML would read. */
function escapeAttribute(value) {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
function escapeText(value) {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const visible = (control) => !control.closest('[hidden]');
const widgetName = () => form.elements.widget.value;

/** The chosen widget's attributes, in form order: [[name, value]]. */
function attributes() {
  const group = form.querySelector(`[data-widget="${widgetName()}"]`);
  const values = new Map();
  for (const control of group.querySelectorAll('[data-attribute]')) {
    if (!visible(control)) continue;
    const name = control.dataset.attribute;
    if (control.type === 'checkbox') {
      const list = values.get(name) ?? [];
      if (control.checked) list.push(control.value);
      values.set(name, list);
    } else if (control.value.trim() !== '') {
      values.set(name, control.value.trim());
    }
  }
  return [...values].map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]);
}

function lockedContent() {
  return widgetName() === 'pay' ? form.elements['pay-content'].value.trim() : '';
}

function markup() {
  const tag = `sharelock-${widgetName()}`;
  const list = attributes().map(([name, value]) => `\n    ${name}="${escapeAttribute(value)}"`).join('');
  const content = lockedContent();
  const inner = widgetName() === 'pay'
    ? `\n  <template>\n    <p>${escapeText(content)}</p>\n  </template>\n  <p>${escapeText(text.content)}</p>\n`
    : '\n';
  return `<${tag}${list}>${inner}</${tag}>`;
}

function snippet() {
  const base = baseInput.value.trim().replace(/\/?$/, '/');
  // The widget's own files start downloading with the script, not after it.
  const head = [generated.widgets[widgetName()], generated.head].join('\n').replaceAll(generated.base, base);
  return `<!-- ${text.head} -->\n${head}\n\n<!-- ${text.body} -->\n${markup()}\n`;
}

/** Shows (or clears) the widget's verdict on one field. */
function markField(control, message) {
  const note = document.getElementById(`${control.id || control.closest('fieldset').id}-problem`);
  const target = control.type === 'checkbox' ? control.closest('fieldset') : control;
  if (message) target.setAttribute('aria-invalid', 'true');
  else target.removeAttribute('aria-invalid');
  if (note) note.textContent = message;
}

function clearProblems() {
  problems = 0;
  for (const control of form.querySelectorAll('[data-attribute]')) markField(control, '');
  summary.textContent = text.problems(0);
}

/** Rebuilds the preview's element from the form, and the snippet. */
function update() {
  const tag = `sharelock-${widgetName()}`;
  const fresh = element?.localName !== tag;
  if (fresh) {
    element = document.createElement(tag);
    preview.replaceChildren(element);
  }
  const wanted = new Map(attributes());
  const stale = element.getAttributeNames().filter((name) => !wanted.has(name));
  const changed = [...wanted].filter(([name, value]) => element.getAttribute(name) !== value);
  // The widget reports its problems again only when it renders again, that
  // is, when an attribute changed: until then the last verdict stands.
  if (fresh || stale.length || changed.length) clearProblems();
  for (const name of stale) element.removeAttribute(name);
  for (const [name, value] of changed) element.setAttribute(name, value);
  if (tag === 'sharelock-pay') {
    const template = document.createElement('template');
    const paragraph = document.createElement('p');
    paragraph.textContent = lockedContent();
    template.content.append(paragraph);
    element.querySelector(':scope > template')?.remove();
    element.prepend(template);
  }
  snippetCode.textContent = snippet();
  fallback.hidden = true;
}

// The widgets' own verdicts, next to the field that set the attribute.
preview.addEventListener('sharelock:error', (event) => {
  const { attribute, message, code } = event.detail;
  const group = form.querySelector(`[data-widget="${widgetName()}"]`);
  const control = [...group.querySelectorAll(`[data-attribute="${attribute}"]`)].find(visible);
  problems += 1;
  summary.textContent = text.problems(problems);
  // The element's own name is noise next to its field; the code is not.
  const plain = message.replace(/^<[^>]+>\s*(attribute "[^"]*":\s*)?/, '');
  if (control) markField(control, `${plain} (${code})`);
  else summary.textContent = `${text.problems(problems)} ${plain} (${code})`;
});

function showGroups() {
  for (const group of form.querySelectorAll('[data-widget]')) group.hidden = group.dataset.widget !== widgetName();
  for (const group of form.querySelectorAll('[data-deadline]')) group.hidden = group.dataset.deadline !== form.elements.deadline.value;
  for (const group of form.querySelectorAll('[data-source]')) group.hidden = group.dataset.source !== form.elements.source.value;
}

let queued = 0;
form.addEventListener('input', () => {
  showGroups();
  clearTimeout(queued);
  // A burst of typing costs one rebuild.
  queued = setTimeout(update, 150);
});
form.addEventListener('submit', (event) => event.preventDefault());

copyButton.addEventListener('click', async () => {
  clearTimeout(queued);
  update();
  const value = snippetCode.textContent;
  try {
    await navigator.clipboard.writeText(value);
    fallback.hidden = true;
    copyStatus.textContent = text.copied;
  } catch {
    // No clipboard (permissions, an old browser): the text, selected, to copy by hand.
    fallback.value = value;
    fallback.hidden = false;
    fallback.focus();
    fallback.select();
    copyStatus.textContent = text.copyBlocked;
  }
});

// The hashes of the files this demo serves (written by the build).
generated = await (await fetch('/dist/snippets.json')).json();
if (!baseInput.value) baseInput.value = generated.base;
showGroups();
update();
form.dataset.ready = '';
