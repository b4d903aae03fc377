import { track } from '/dist/sharelock.js';

// Demo page helpers: show the exact markup of each example next to it, and
// log the widgets' events the way a site's analytics would hook them.
for (const pre of document.querySelectorAll('pre.snippet[data-for]')) {
  const element = document.getElementById(pre.dataset.for);
  if (!element) continue;
  const clone = element.cloneNode(true);
  clone.removeAttribute('id');
  const code = document.createElement('code');
  code.textContent = clone.outerHTML.replace(/\n\s*/g, '\n  ').replace(/\n  (<\/sharelock-)/, '\n$1');
  pre.append(code);
}

const log = document.getElementById('event-log');
function record(event) {
  if (!log) return;
  const item = document.createElement('li');
  const { detail } = event;
  const summary = {
    'sharelock:share': () => `${detail.network} · ${detail.url}`,
    'sharelock:unlock': () => `${detail.item} · ${detail.network} · ${detail.mode}`,
    'sharelock:cancel': () => `${detail.item} · ${detail.network} · ${detail.reason}`,
    'sharelock:expire': () => `${detail.kind} · ${new Date(detail.endsAt).toISOString()} · ${detail.action}`,
    'sharelock:proof': () => `${detail.kind} · ${detail.text}`,
    'sharelock:error': () => `${detail.code} · ${detail.message}`,
    'sharelock:conversion': () => `${detail.item} · ${detail.value}`,
  }[event.type];
  item.textContent = `${event.type} · ${summary()}`;
  log.prepend(item);
}
for (const type of ['sharelock:share', 'sharelock:unlock', 'sharelock:cancel', 'sharelock:expire', 'sharelock:proof', 'sharelock:error', 'sharelock:conversion']) {
  document.addEventListener(type, record);
}

// A purchase closes the loop: the dashboard's funnel counts it, and
// attributes it to the share the shopper arrived from, if any.
document.querySelector('.buy')?.addEventListener('click', (event) => {
  const button = event.currentTarget;
  button.textContent = button.dataset.done;
  track('conversion', { item: button.dataset.item, value: Number(button.dataset.value) });
});
