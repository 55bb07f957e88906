import type { ReportDocument } from './report-document';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(doc: ReportDocument): string {
  const out = [`# ${doc.title}`, ''];
  for (const s of doc.sections) {
    out.push(`## ${s.title}`, '');
    for (const l of s.lines) out.push(l.includes('\n') ? ['```', l.trimEnd(), '```'].join('\n') : l, '');
    if (s.table && s.table.rows.length) {
      out.push(`| ${s.table.head.join(' | ')} |`, `| ${s.table.head.map(() => '---').join(' | ')} |`);
      for (const r of s.table.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One self-contained file: inline styles, no scripts, fonts or links to fetch. */
export function renderHtml(doc: ReportDocument): string {
  const body = doc.sections
    .map((s) => {
      const lines = s.lines
        .map((l) => (l.includes('\n') ? `<pre>${esc(l)}</pre>` : `<p>${esc(l)}</p>`))
        .join('');
      const table =
        s.table && s.table.rows.length
          ? `<table><tr>${s.table.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${s.table.rows
              .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
              .join('')}</table>`
          : '';
      return `<section><h2>${esc(s.title)}</h2>${lines}${table}</section>`;
    })
    .join('\n');
  const style =
    'body{font:14px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}' +
    'table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;word-break:break-all}' +
    'th{background:#f3f3f3}pre{background:#f7f7f7;padding:8px;overflow-x:auto}';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${style}</style></head>\n<body><h1>${esc(doc.title)}</h1>\n${body}\n</body></html>\n`;
}
