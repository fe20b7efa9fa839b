/**
 * The report page's only style sheet, inlined into the page: system fonts (no web fonts),
 * readable on screen, and printable (A4, tables and cards kept whole, colours kept).
 */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:80rem;color:#1f2933;padding:0 1rem;-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:1.7rem;margin:0 0 .2rem}
.subtitle{color:#52606d;margin:0 0 1rem}
nav{border-top:2px solid #2563eb;border-bottom:1px solid #d5dbe3;padding:.4rem 0;margin-bottom:1rem}
nav a{color:#1e40af;text-decoration:none;margin-right:1rem}
h2{font-size:1.3rem;margin:2.2rem 0 .6rem;color:#1e3a8a;border-bottom:1px solid #d5dbe3;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.6rem 0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
table{border-collapse:collapse;margin:.5rem 0 .5rem;width:100%;font-size:13px}
th,td{border:1px solid #d5dbe3;padding:.25rem .45rem;vertical-align:top;text-align:left}
th{background:#eef2f8}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
td.note{font-size:12px;color:#52606d;min-width:18rem}
td.series{white-space:nowrap}
td.quote{min-width:16rem}td.quote q{font-style:italic}mark{background:#fde68a;color:inherit;padding:0 .1em}
tr:nth-child(even) td{background:#fafbfd}
svg.spark{vertical-align:middle;margin-right:.35rem}
.more{color:#52606d;font-style:italic;margin:.2rem 0 1rem}
figure{margin:.8rem 0}figcaption{color:#52606d;font-size:12px;margin-top:.2rem}
svg.chart{max-width:100%;height:auto}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#1f2933}
svg text.axis,svg text.value{fill:#52606d}
svg line.grid{stroke:#d5dbe3;stroke-width:1}
svg line.zero{stroke:#9aa5b1;stroke-width:1}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:.8rem;margin:.6rem 0}
.card{border:1px solid #d5dbe3;border-radius:6px;padding:.6rem .8rem;background:#fbfcfe}
.card h3{margin:0 0 .4rem;color:#1e3a8a}
.card dl{display:grid;grid-template-columns:9.5rem 1fr;gap:.15rem .8rem;margin:0;font-size:13px}
.card dt{color:#52606d}.card dd{margin:0}
footer{margin-top:2.5rem;color:#64748b;font-size:12px;border-top:1px solid #d5dbe3;padding-top:.5rem}
@page{size:A4;margin:14mm}
@media print{body{margin:0;max-width:none;font-size:12px}nav{display:none}h2{break-after:avoid}h3{break-after:avoid}tr,figure,.card,dl.facts{break-inside:avoid}table{font-size:11px}}
`;
