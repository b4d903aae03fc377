// The site owner's dashboard: asks the verification server for its
// counters with the owner's token and draws them. Every number comes from
// /v1/stats (computed by the core); this file only lays them out. Text goes
// in with textContent and SVG is built node by node (the page's CSP allows
// no markup from strings).
const TEXT = {
  en: {
    title: 'Sharelock dashboard', language: 'Language', signInTitle: 'Sign in',
    signInHelp: 'Enter the dashboard token set on this server (SHARELOCK_DASHBOARD_TOKEN).',
    tokenLabel: 'Dashboard token', signIn: 'Show the numbers', signOut: 'Sign out', daysLabel: 'Period',
    days7: 'Last 7 days', days30: 'Last 30 days', days90: 'Last 90 days', export: 'Download CSV',
    chartTitle: 'Shares and unlocks per day', networksTitle: 'Per network',
    funnelTitle: 'Share → visit → conversion, per item', errorsTitle: 'Errors seen by shoppers',
    range: (from, to) => `${from} – ${to}`, loading: 'Loading…', loaded: 'Numbers updated.',
    unauthorized: 'That token is not right. Check SHARELOCK_DASHBOARD_TOKEN on the server.',
    disabled: 'The dashboard is off on this server: set SHARELOCK_DASHBOARD_TOKEN to turn it on.',
    failed: 'The numbers could not be loaded. Try again in a moment.', exported: 'CSV downloaded.',
    impression: 'Impressions', share: 'Shares', unlock: 'Unlocks', visit: 'Visits from shares',
    conversion: 'Conversions', value: 'Conversion value', 'countdown-ended': 'Countdowns ended',
    'proof-shown': 'Social proof shown', error: 'Errors', network: 'Network', item: 'Item', code: 'Error code',
    count: 'Times', date: 'Day', none: 'Nothing counted in this period yet.',
    chartLabel: (from, to) => `Bar chart of shares and unlocks per day from ${from} to ${to}. The same numbers are in the table below the chart.`,
    chartTable: 'The chart as a table',
    funnelMore: (shown, total) => `The ${shown} most shared of ${total} items. The CSV has every one.`,
    errorsMore: (shown, total) => `The ${shown} most frequent of ${total} error codes. The CSV has every one.`,
  },
  es: {
    title: 'Panel de Sharelock', language: 'Idioma', signInTitle: 'Acceso',
    signInHelp: 'Introduce el token del panel configurado en este servidor (SHARELOCK_DASHBOARD_TOKEN).',
    tokenLabel: 'Token del panel', signIn: 'Ver los números', signOut: 'Salir', daysLabel: 'Periodo',
    days7: 'Últimos 7 días', days30: 'Últimos 30 días', days90: 'Últimos 90 días', export: 'Descargar CSV',
    chartTitle: 'Veces compartido y desbloqueos por día', networksTitle: 'Por red',
    funnelTitle: 'Compartir → visita → conversión, por artículo', errorsTitle: 'Errores que vieron los compradores',
    range: (from, to) => `${from} – ${to}`, loading: 'Cargando…', loaded: 'Números actualizados.',
    unauthorized: 'Ese token no es correcto. Revisa SHARELOCK_DASHBOARD_TOKEN en el servidor.',
    disabled: 'El panel está desactivado en este servidor: define SHARELOCK_DASHBOARD_TOKEN para activarlo.',
    failed: 'No se pudieron cargar los números. Inténtalo de nuevo en un momento.', exported: 'CSV descargado.',
    impression: 'Impresiones', share: 'Veces compartido', unlock: 'Desbloqueos', visit: 'Visitas desde lo compartido',
    conversion: 'Conversiones', value: 'Valor de las conversiones', 'countdown-ended': 'Cuentas atrás terminadas',
    'proof-shown': 'Prueba social mostrada', error: 'Errores', network: 'Red', item: 'Artículo', code: 'Código de error',
    count: 'Veces', date: 'Día', none: 'Todavía no hay nada contado en este periodo.',
    chartLabel: (from, to) => `Gráfico de barras de veces compartido y desbloqueos por día del ${from} al ${to}. Los mismos números están en la tabla bajo el gráfico.`,
    chartTable: 'El gráfico como tabla',
    funnelMore: (shown, total) => `Los ${shown} artículos más compartidos de ${total}. El CSV los tiene todos.`,
    errorsMore: (shown, total) => `Los ${shown} códigos de error más frecuentes de ${total}. El CSV los tiene todos.`,
  },
};

const TOKEN_KEY = 'sharelock:dashboard-token'; // this tab only: sessionStorage
const SVG = 'http://www.w3.org/2000/svg';

const lang = pickLanguage();
const t = TEXT[lang];
const numbers = new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-US');
const dates = new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const $ = (id) => document.getElementById(id);

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked in TEXT) return asked;
  return navigator.languages?.some((l) => l.toLowerCase().startsWith('es')) ? 'es' : 'en';
}

function element(name, text, attributes = {}) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = String(text);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function svg(name, attributes = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

const day = (iso) => dates.format(new Date(`${iso}T00:00:00Z`));

function announce(message) {
  $('status').textContent = message;
}

function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return memoryToken;
  }
}
let memoryToken = '';
function keepToken(value) {
  memoryToken = value;
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage blocked: the token lives as long as the page.
  }
}

function showSignIn(message = '') {
  $('report').hidden = true;
  $('sign-in').hidden = false;
  announce(message);
  if (message) $('token').focus();
}

async function fetchStats(path) {
  const days = $('days').value;
  return fetch(`../v1/${path}?days=${encodeURIComponent(days)}`, {
    headers: { authorization: `Bearer ${token()}` },
    cache: 'no-store',
  });
}

async function load() {
  if (!token()) return showSignIn();
  announce(t.loading);
  let response;
  try {
    response = await fetchStats('stats');
  } catch {
    return announce(t.failed);
  }
  if (response.status === 401) {
    keepToken('');
    return showSignIn(t.unauthorized);
  }
  if (!response.ok) {
    const code = await response.json().then((body) => body?.error?.code, () => '');
    return code === 'dashboard-disabled' ? showSignIn(t.disabled) : announce(t.failed);
  }
  render(await response.json());
  announce(t.loaded);
}

function render(report) {
  $('sign-in').hidden = true;
  $('report').hidden = false;
  $('report-title').textContent = t.range(day(report.from), day(report.to));
  renderTotals(report.totals);
  renderChart(report);
  renderTable($('networks'), report.networks, [['network', (r) => r.network], ['share'], ['unlock'], ['visit'], ['conversion']]);
  renderTable($('funnel'), report.funnel, [['item', (r) => r.item], ['impression'], ['share'], ['visit'], ['conversion'], ['value', (r) => numbers.format(r.value)]]);
  renderTable($('errors'), report.errors, [['code', (r) => r.code], ['count']]);
  // The report lists at most the core's limit; it says how many there are.
  renderMore($('funnel-more'), report.funnel.length, report.funnelItems, t.funnelMore);
  renderMore($('errors-more'), report.errors.length, report.errorCodes, t.errorsMore);
}

function renderMore(note, shown, total, text) {
  note.hidden = !(total > shown);
  note.textContent = note.hidden ? '' : text(numbers.format(shown), numbers.format(total));
}

function renderTotals(totals) {
  const list = $('totals');
  list.replaceChildren();
  for (const key of ['impression', 'share', 'unlock', 'visit', 'conversion', 'value', 'countdown-ended', 'proof-shown', 'error']) {
    const group = element('div', undefined, { 'data-total': key });
    group.append(element('dt', t[key]), element('dd', numbers.format(totals[key] ?? 0)));
    list.append(group);
  }
}

function renderTable(table, rows, columns) {
  table.replaceChildren();
  if (rows.length === 0) {
    table.append(element('caption', t.none));
    return;
  }
  const head = element('tr');
  for (const [key] of columns) head.append(element('th', t[key], { scope: 'col' }));
  const body = element('tbody');
  for (const row of rows) {
    const line = element('tr');
    columns.forEach(([key, read], index) => {
      const value = read ? read(row) : numbers.format(row[key]);
      line.append(index === 0 ? element('th', value, { scope: 'row' }) : element('td', value));
    });
    body.append(line);
  }
  const thead = element('thead');
  thead.append(head);
  table.append(thead, body);
}

// Grouped bars, one group per day: shares and unlocks. Heights are
// proportional to the largest value of the period; a day with nothing
// keeps its place so gaps are visible.
function renderChart(report) {
  const series = [['share', 'bar-share'], ['unlock', 'bar-unlock']];
  const width = 720;
  const height = 240;
  const top = 16;
  const bottom = 28;
  const left = 40;
  const plot = height - top - bottom;
  // The top of the scale: an even whole number, so the middle line is one too.
  const highest = Math.max(1, ...report.days.flatMap((d) => series.map(([key]) => d[key])));
  const max = highest === 1 ? 1 : highest + (highest % 2);
  const slot = (width - left) / report.days.length;
  const bar = Math.max(1, Math.min(18, (slot - 4) / series.length));

  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-label', class: 'chart' });
  const label = svg('title', { id: 'chart-label' });
  label.textContent = t.chartLabel(day(report.from), day(report.to));
  chart.append(label);
  for (const fraction of max === 1 ? [0, 1] : [0, 0.5, 1]) {
    const y = top + plot - fraction * plot;
    chart.append(svg('line', { x1: left, x2: width, y1: y, y2: y, class: 'grid' }));
    const tick = svg('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' });
    tick.textContent = numbers.format(Math.round(max * fraction));
    chart.append(tick);
  }
  report.days.forEach((entry, index) => {
    const x0 = left + index * slot + (slot - bar * series.length) / 2;
    series.forEach(([key, className], s) => {
      const barHeight = (entry[key] / max) * plot;
      const rect = svg('rect', {
        x: x0 + s * bar, y: top + plot - barHeight, width: bar, height: barHeight, class: className,
        'data-date': entry.date, 'data-value': entry[key],
      });
      const tip = svg('title');
      tip.textContent = `${day(entry.date)}: ${numbers.format(entry[key])} ${t[key].toLowerCase()}`;
      rect.append(tip);
      chart.append(rect);
    });
    // Label every day on short periods, about eight labels on long ones.
    if (index % Math.ceil(report.days.length / 8) === 0) {
      const text = svg('text', { x: left + index * slot + slot / 2, y: height - 8, class: 'axis', 'text-anchor': 'middle' });
      text.textContent = day(entry.date);
      chart.append(text);
    }
  });

  const legend = $('legend');
  legend.replaceChildren();
  for (const [key, className] of series) {
    const swatch = element('span', undefined, { class: `swatch ${className}`, 'aria-hidden': 'true' });
    const item = element('span', undefined, { class: 'legend-item' });
    item.append(swatch, document.createTextNode(t[key]));
    legend.append(item);
  }
  const details = element('details');
  details.append(element('summary', t.chartTable));
  const table = element('table', undefined, { id: 'chart-table' });
  details.append(table);
  renderTable(table, report.days, [['date', (r) => day(r.date)], ['share'], ['unlock'], ['visit'], ['conversion']]);
  $('chart').replaceChildren(chart, details);
}

async function exportCsv() {
  let response;
  try {
    response = await fetchStats('stats.csv');
  } catch {
    return announce(t.failed);
  }
  if (response.status === 401) return showSignIn(t.unauthorized);
  if (!response.ok) return announce(t.failed);
  const blob = await response.blob();
  const link = element('a', undefined, { href: URL.createObjectURL(blob), download: `sharelock-${$('days').value}-days.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  announce(t.exported);
}

function translatePage() {
  document.documentElement.lang = lang;
  document.title = t.title;
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t[node.dataset.text];
  document.querySelector('nav').setAttribute('aria-label', t.language);
}

translatePage();
$('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  keepToken($('token').value.trim());
  $('token').value = '';
  load();
});
$('sign-out').addEventListener('click', () => {
  keepToken('');
  showSignIn();
  $('token').focus();
});
$('days').addEventListener('change', load);
$('export').addEventListener('click', exportCsv);
load();
