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
  item.textContent = event.type === 'sharelock:share'
    ? `${event.type} · ${detail.network} · ${detail.url}`
    : `${event.type} · ${detail.code} · ${detail.message}`;
  log.prepend(item);
}
document.addEventListener('sharelock:share', record);
document.addEventListener('sharelock:error', record);

document.querySelector('.buy')?.addEventListener('click', (event) => {
  event.currentTarget.textContent = event.currentTarget.dataset.done;
});
