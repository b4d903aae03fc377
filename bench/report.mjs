// Markdown tables with each number's ratio against the best peer of the
// same category (share bars against share bars, countdowns against
// countdowns; lower is better for every metric here).

export function ratioText(value, best) {
  if (best === undefined || best === null || value === null || value === undefined) return '';
  if (!(best > 0)) return ' (n/a)';
  const r = value / best;
  return ` (${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toFixed(3)}×)`;
}

export const fixed = (value) => (value === null || value === undefined ? '—'
  : value.toFixed(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2));
export const bytes = (value) => (value === null || value === undefined ? '—' : value.toLocaleString('en-US'));
export const kib = (value) => (value === null || value === undefined ? '—' : `${(value / 1024).toFixed(1)}`);
export const mib = (value) => (value === null || value === undefined ? '—' : `${(value / 2 ** 20).toFixed(2)}`);

/**
 * rows: [{category, lib, label, peer: boolean, values: {key: number|null}, noBest?: boolean}]
 * columns: [{key, title, format = fixed, ratio = false}]
 * Returns {lines, best: {category: {key: {value, lib}}}}.
 */
export function table(rows, columns, { first = ['category', 'library'] } = {}) {
  const best = {};
  for (const row of rows) {
    if (!row.peer || row.noBest) continue;
    for (const column of columns) {
      if (!column.ratio) continue;
      const value = row.values[column.key];
      if (typeof value !== 'number') continue;
      best[row.category] ??= {};
      const current = best[row.category][column.key];
      if (!current || value < current.value) best[row.category][column.key] = { value, lib: row.lib, label: row.label };
    }
  }
  const lines = [
    `| ${[...first, ...columns.map((c) => c.title)].join(' | ')} |`,
    `|${first.map(() => '---').join('|')}|${columns.map(() => '---:').join('|')}|`,
  ];
  for (const row of rows) {
    const cells = columns.map((column) => {
      const value = row.values[column.key];
      const format = column.format ?? fixed;
      if (typeof value === 'string') return value;
      return `${format(value)}${column.ratio ? ratioText(value, best[row.category]?.[column.key]?.value) : ''}`;
    });
    lines.push(`| ${row.category} | ${row.label} | ${cells.join(' | ')} |`);
  }
  return { lines, best };
}

/** "best peer" notes under a table: which peer each ratio is against. */
export function bestNotes(best, columns) {
  const notes = [];
  for (const [category, keys] of Object.entries(best)) {
    const parts = columns.filter((c) => c.ratio && keys[c.key]).map((c) => `${c.title}: ${keys[c.key].label}`);
    const same = new Set(parts.map((p) => p.split(': ')[1]));
    notes.push(same.size === 1 ? `best ${category} peer: ${[...same][0]}` : `best ${category} peer per column — ${parts.join('; ')}`);
  }
  return notes.length ? `Ratios are against the best peer of the same category (< 1 = Sharelock is better). ${notes.join('. ')}.` : '';
}
