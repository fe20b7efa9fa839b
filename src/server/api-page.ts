/**
 * The readable API page (`/api/docs`): every operation of the OpenAPI document with its
 * method, path, summary, who may call it, and its request and answers — one self-contained
 * HTML page, no scripts, nothing fetched from elsewhere.
 */
type TOperation = {
  summary?: string;
  tags?: string[];
  'x-journeylens-access'?: 'public' | { roles: string[]; scopes: string[] };
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, { description?: string }>;
};

const escape = (s: string): string =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

function access(op: TOperation): string {
  const a = op['x-journeylens-access'];
  if (a === undefined || a === 'public') return 'anyone';
  const people = a.roles.length === 0 ? [] : [`people: ${a.roles.join(', ')}`];
  const tokens = a.scopes.length === 0 ? [] : [`tokens with scope ${a.scopes.join(' or ')}`];
  return [...people, ...tokens].join('; ') || 'nobody';
}

export function apiPage(document: object): string {
  const doc = document as {
    info?: { title?: string; version?: string };
    paths?: Record<string, Record<string, TOperation>>;
  };
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []).map(
        (p) => `${p.name} (${p.in}${p.required === true ? ', required' : ''})`,
      );
      const body = Object.keys(op.requestBody?.content ?? {});
      const answers = Object.entries(op.responses ?? {}).map(
        ([code, r]) => `${code} ${r.description ?? ''}`,
      );
      rows.push(`<section><h2><span class="m ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h2>
<p>${escape(op.summary ?? '')}</p>
<dl><dt>Who</dt><dd>${escape(access(op))}</dd>
${params.length > 0 ? `<dt>Parameters</dt><dd>${escape(params.join(', '))}</dd>` : ''}
${body.length > 0 ? `<dt>Body</dt><dd>${escape(body.join(', '))}</dd>` : ''}
<dt>Answers</dt><dd>${escape(answers.join('; '))}</dd></dl></section>`);
    }
  }
  const title = `${doc.info?.title ?? 'API'} ${doc.info?.version ?? ''}`.trim();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2933}
h1{font-size:1.5rem}h2{font-size:1rem;margin:1.5rem 0 .3rem}code{font-size:.95rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.get{color:#1d6f42}.post{color:#1e40af}.put{color:#92400e}.delete{color:#991b1b}
dl{display:grid;grid-template-columns:7rem 1fr;gap:.2rem .8rem;margin:.3rem 0}dt{color:#64748b}dd{margin:0}</style></head>
<body><h1>${escape(title)}</h1><p>The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${rows.join('\n')}</body></html>`;
}
