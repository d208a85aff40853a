// typst-peer.mjs — the peer for make bench-peers: the releases of a volume
// (or weekly) manifest rendered by Typst through its Node binding
// (@myriaddreamin/typst-ts-node-compiler), from a small Markdown → Typst
// conversion: headings, paragraphs, emphasis, links, lists, block quotes,
// tables, images, footnotes; Noto and Nanum fonts. Not a second renderer:
// the same work, to measure against.
// usage: node typst-peer.mjs MANIFEST.yaml OUT.pdf [MODULES_DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { createRequire } from 'node:module';

const [manifest, out, modules = process.cwd()] = process.argv.slice(2);
const require = createRequire(resolve(modules, 'node_modules') + '/');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const listed = (file, key) => {   // the paths under `key:` of a manifest, absolute
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith(key + ':'));
  const items = [];
  for (const l of lines.slice(at + 1)) {
    const m = l.match(/^\s+-\s+(.*\S)\s*$/);
    if (!m) break;
    items.push(resolve(dirname(file), m[1].replace(/^["']|["']$/g, '')));
  }
  return items;
};
const field = (text, key) => (text.match(new RegExp(`^${key}:\\s*"?(.*?)"?\\s*$`, 'm')) || [])[1] || '';

const esc = (s) => s.replace(/[\\#*_`$@<>\[\]~"=+\-\/]/g, (c) => '\\' + c);
const root = '/';
const inline = (s, base) => {   // Markdown inline → Typst markup
  let o = '', i = 0;
  const rules = [
    [/^!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/, (m) => `#box(image("${relative(root, resolve(base, m[2]))}", width: 60%))`],
    [/^\[\^([^\]]+)\]/, (m) => `#super[${esc(m[1])}]`],
    [/^\[([^\]]+)\]\(([^)\s]+)[^)]*\)/, (m) => `#link("${m[2].replace(/"/g, '\\"')}")[${inline(m[1], base)}]`],
    [/^<(https?:[^>\s]+)>/, (m) => `#link("${m[1]}")`],
    [/^\*\*([^*]+)\*\*/, (m) => `#strong[${inline(m[1], base)}]`],
    [/^~~([^~]+)~~/, (m) => `#strike[${inline(m[1], base)}]`],
    [/^[*_]([^*_]+)[*_]/, (m) => `#emph[${inline(m[1], base)}]`],
    [/^`([^`]+)`/, (m) => `#raw("${m[1].replace(/\\/g, '\\\\').replace(/"/g, '\\"')}")`],
    [/^\\([\\`*_{}\[\]()#+\-.!])/, (m) => esc(m[1])],
  ];
  outer: while (i < s.length) {
    for (const [re, f] of rules) {
      const m = s.slice(i).match(re);
      if (m) { o += f(m); i += m[0].length; continue outer; }
    }
    o += esc(s[i++]);
  }
  return o;
};

function release(file, level) {
  const text = readFileSync(file, 'utf8');
  const fm = text.match(/^---\n([\s\S]*?)\n---\n/);
  const meta = fm ? fm[1] : '';
  const body = fm ? text.slice(fm[0].length) : text;
  const base = dirname(file), lang = field(meta, 'lang') || 'ko';
  const o = [`#pagebreak(weak: true)`, `#set text(lang: "${lang}")`,
    `#heading(level: ${level})[${inline(field(meta, 'title'), base)}]`];
  const sub = field(meta, 'subtitle');
  if (sub) o.push(`#emph[${inline(sub, base)}]`, '');
  o.push(`${esc(field(meta, 'date'))} #h(1fr) ${inline(field(meta, 'department'), base)}`, '');
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let m;
    if ((m = l.match(/^(#{1,6})\s+(.*)$/))) {
      o.push(`#heading(level: ${Math.min(6, level + m[1].length)})[${inline(m[2], base)}]`);
    } else if (/^\|/.test(l)) {   // a pipe table: header, rule, rows
      const rows = [];
      for (; i < lines.length && /^\|/.test(lines[i]); i++)
        if (!/^\|\s*:?-/.test(lines[i]))
          rows.push(lines[i].replace(/^\||\|\s*$/g, '').split('|').map((c) => `[${inline(c.trim(), base)}]`));
      i--;
      o.push(`#table(columns: ${rows[0].length}, ${rows.flat().join(', ')})`, '');
    } else if ((m = l.match(/^(\s*)([-*+]|\d+[.)])\s+(.*)$/))) {
      const depth = Math.floor(m[1].length / 2);
      o.push(`${'  '.repeat(depth)}${/\d/.test(m[2]) ? '+' : '-'} ${inline(m[3], base)}`);
    } else if ((m = l.match(/^>\s?(.*)$/))) {
      o.push(`#quote(block: true)[${inline(m[1], base)}]`);
    } else if ((m = l.match(/^\[\^([^\]]+)\]:\s*(.*)$/))) {
      o.push(`#text(size: 8pt)[#super[${esc(m[1])}] ${inline(m[2], base)}]`, '');
    } else if (/^(\*\s*){3,}$|^(-\s*){3,}$/.test(l)) {
      o.push('#line(length: 100%)');
    } else if (/\\$/.test(l)) {
      o.push(inline(l.slice(0, -1), base) + ' \\');
    } else {
      o.push(inline(l.replace(/^\s+/, ''), base));
    }
  }
  return o.join('\n');
}

const volume = listed(manifest, 'bulletins');
const weeks = volume.length ? volume : [manifest];
const parts = [
  `#set page(paper: "a4", margin: (x: 2.2cm, y: 2.5cm), numbering: "1")`,
  `#set text(font: ("Noto Serif", "NanumMyeongjo", "Noto Serif CJK KR"), size: 10pt)`,
  `#set par(justify: true)`,
  `#show heading: set text(font: ("Noto Sans", "NanumGothic", "Noto Sans CJK KR"))`,
  `#align(center)[#text(size: 24pt)[${inline(field(readFileSync(manifest, 'utf8'), 'title'), '/')}]]`,
  `#outline(depth: 2)`,
];
for (const w of weeks) {
  if (volume.length)
    parts.push(`#pagebreak()`, `#heading(level: 1)[${inline(field(readFileSync(w, 'utf8'), 'title'), '/')}]`);
  for (const r of listed(w, 'releases'))
    parts.push(release(r, volume.length ? 2 : 1));
}
const compiler = NodeCompiler.create({
  workspace: root,
  fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/noto', '/usr/share/fonts/opentype/noto',
                           '/usr/share/fonts/truetype/nanum'] }],
});
const t0 = process.hrtime.bigint();
const pdf = compiler.pdf({ mainFileContent: parts.join('\n\n') });
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
writeFileSync(out, pdf);
if (process.env.TYPST_PEER_VERBOSE)
  console.error(`typst-peer: ${weeks.length} manifest(s), ${pdf.length} bytes in ${secs.toFixed(2)} s`);
