#!/usr/bin/env node
// Validates tests/eval/real-questions.jsonl and prints counts.
// Usage: node tests/eval/check.js [path]
'use strict';
const fs = require('fs');
const path = require('path');

const file = process.argv[2] || path.join(__dirname, 'real-questions.jsonl');
const TOPICS = ['salary', 'outlook', 'licensure', 'certification', 'education', 'accreditation', 'mlt-vs-mls',
  'duties', 'workplaces', 'skills', 'specializations', 'advancement', 'suitability', 'gap'];
const PHRASINGS = ['long', 'several', 'informal', 'follow-up', 'gap', 'short'];
const MIN_ITEMS = 300, MIN_URLS = 60;
// Every batch after the first must bring at least this many questions from this many threads/pages that no
// earlier batch used (issue 13's second batch: 100 questions, 35 new sources). Batch 3 was gathered once the search
// corpus was nearly used up (tests/eval/README.md, "Batch 3"): 60 questions, enough for about 30 in each half, from
// 50 new sources. Batch 4 was gathered when even that corpus was used up (tests/eval/README.md, "Batch 4"): 38
// questions from 30 new pages, each page checked against every earlier batch and the two development sets.
const MIN_BATCH = { items: 100, newThreads: 35 };
const MIN_BATCH_BY_NUMBER = { 3: { items: 60, newThreads: 50 }, 4: { items: 35, newThreads: 30 } };

const errors = [];

/**
 * Checks one case against the format rules (tests/eval/README.md) and reports problems through `need`.
 * Shared by the measurement set and the batch-3 staging file so both obey exactly the same rules;
 * only the id pattern differs.
 */
function checkCase(o, need, idPattern, idExample) {
  need(typeof o.id === 'string' && idPattern.test(o.id), `id must look like ${idExample}`);
  need(typeof o.url === 'string' && /^https?:\/\//.test(o.url), 'url must be http(s)');
  need(typeof o.source === 'string' && o.source.length > 0, 'source missing');
  need(TOPICS.includes(o.topic), `topic not one of ${TOPICS.join('|')}`);
  need(o.kind === 'in' || o.kind === 'out', 'kind must be in|out');
  need(Array.isArray(o.phrasing) && o.phrasing.length > 0 && o.phrasing.every(p => PHRASINGS.includes(p)), 'phrasing must be a non-empty list of known tags');
  need(Array.isArray(o.turns) && o.turns.length >= 1 && o.turns.length <= 2 && o.turns.every(t => typeof t === 'string' && t.trim()), 'turns must be 1-2 non-empty strings');
  need(Array.isArray(o.any) && o.any.every(g => Array.isArray(g) && g.length > 0 && g.every(f => typeof f === 'string' && f === f.toLowerCase() && f.length > 0)), 'any must be a list of non-empty lists of lowercase strings');
  need(Array.isArray(o.none) && o.none.every(f => typeof f === 'string' && f === f.toLowerCase()), 'none must be a list of lowercase strings');
  if (o.kind === 'in') need(o.any.length > 0, 'kind in needs at least one any group');
  if (o.kind === 'out') {
    need(o.any.length === 0, 'kind out must have empty any');
    need(typeof o.gap === 'string' && o.gap.length > 0, 'kind out needs gap');
  }
  if (Array.isArray(o.turns) && Array.isArray(o.phrasing)) {
    const last = o.turns[o.turns.length - 1] || '';
    const anyLong = o.turns.some(t => t.length > 140);
    need(!o.phrasing.includes('long') || anyLong, 'tagged long but no turn over 140 characters');
    need(!anyLong || o.phrasing.includes('long'), 'a turn is over 140 characters but not tagged long');
    need((o.turns.length === 2) === o.phrasing.includes('follow-up'), 'follow-up tag must match two turns');
    need(!o.phrasing.includes('short') || last.length <= 140, 'tagged short but last turn is long');
    need((o.kind === 'out') === o.phrasing.includes('gap'), 'gap tag must match kind out');
  }
}

/** Parses a JSONL file of cases, checking each line; returns the parsed cases. */
function readCases(filePath, idPattern, idExample) {
  const cases = [];
  fs.readFileSync(filePath, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const label = `${path.basename(filePath)} line ${i + 1}`;
    let o;
    try { o = JSON.parse(line); } catch (e) { errors.push(`${label}: not JSON (${e.message})`); return; }
    const where = `${label} (${o.id || 'no id'})`;
    checkCase(o, (cond, msg) => { if (!cond) errors.push(`${where}: ${msg}`); }, idPattern, idExample);
    cases.push(o);
  });
  return cases;
}

const items = readCases(file, /^real-\d{3,}$/, 'real-001');

const ids = new Map();
for (const o of items) ids.set(o.id, (ids.get(o.id) || 0) + 1);
for (const [id, n] of ids) if (n > 1) errors.push(`duplicate id ${id} (${n} times)`);
const turnKey = new Map();
for (const o of items) { const k = JSON.stringify(o.turns); if (turnKey.has(k)) errors.push(`duplicate turns: ${turnKey.get(k)} and ${o.id}`); else turnKey.set(k, o.id); }

// A "source" is a distinct page address; a "thread" strips mirror hosts and comment permalinks.
const urls = new Set(items.map(o => o.url));
const threadOf = u => { const m = u.match(/\/(?:r|p)\/([^/]+)\/comments\/([a-z0-9]+)/i); return m ? `reddit:${m[1].toLowerCase()}/${m[2]}` : u.replace(/^https?:\/\/(www\.)?/, '').replace(/[?#].*$/, ''); };
const threads = new Set(items.map(o => threadOf(o.url)));

if (items.length < MIN_ITEMS) errors.push(`only ${items.length} items (need ${MIN_ITEMS})`);
if (urls.size < MIN_URLS) errors.push(`only ${urls.size} distinct URLs (need ${MIN_URLS})`);

const count = (f) => { const m = {}; for (const o of items) for (const k of [].concat(f(o))) m[k] = (m[k] || 0) + 1; return m; };
const show = (title, m) => console.log(title + ': ' + Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(', '));
console.log(`items: ${items.length}`);
console.log(`distinct URLs: ${urls.size}; distinct threads/pages: ${threads.size}`);
show('kind', count(o => o.kind));
show('topic', count(o => o.topic));
show('phrasing', count(o => o.phrasing));
show('gap (kind out)', count(o => o.kind === 'out' ? o.gap : []));
console.log(`two-turn: ${items.filter(o => o.turns.length === 2).length}; kind in with a gap part named in notes: ${items.filter(o => o.kind === 'in' && /gap/i.test(o.notes || '')).length}`);
// The committed split must cover every id exactly once (split.js deals each batch once; never re-cut it).
// Batches come from split.json (`batches: [{from, seed, count, tuning, heldout}]`); without it, one batch.
const splitFile = path.join(path.dirname(file), 'split.json');
const sp = fs.existsSync(splitFile) ? JSON.parse(fs.readFileSync(splitFile, 'utf8')) : null;
const batchDefs = (sp && Array.isArray(sp.batches) && sp.batches.length) ? sp.batches : [{ from: 'real-001' }];
const idNum = id => Number(String(id).replace(/^real-/, ''));
const batchOf = id => { let b = -1; batchDefs.forEach((d, i) => { if (idNum(id) >= idNum(d.from)) b = i; }); return b; };
for (const o of items) if (batchOf(o.id) < 0) errors.push(`${o.id} is before the first batch (${batchDefs[0].from})`);
if (sp) {
  const seen = new Map(), half = new Map();
  for (const h of ['tuning', 'heldout']) for (const id of sp[h] || []) { seen.set(id, (seen.get(id) || 0) + 1); half.set(id, h); }
  for (const [id, n] of seen) { if (n > 1) errors.push(`split: ${id} is in both halves or twice`); if (!ids.has(id)) errors.push(`split: unknown id ${id}`); }
  for (const id of ids.keys()) if (!seen.has(id)) errors.push(`split: ${id} is in neither half`);
  batchDefs.forEach((d, i) => {
    const inBatch = items.filter(o => batchOf(o.id) === i);
    const t = inBatch.filter(o => half.get(o.id) === 'tuning').length, h = inBatch.filter(o => half.get(o.id) === 'heldout').length;
    if (d.count !== undefined && (d.count !== inBatch.length || d.tuning !== t || d.heldout !== h))
      errors.push(`split: batch from ${d.from} records ${d.count} (${d.tuning}/${d.heldout}) but the files give ${inBatch.length} (${t}/${h})`);
  });
  console.log(`split: tuning ${(sp.tuning || []).length}, heldout ${(sp.heldout || []).length}`);
}

// Cases that share a turn (one thread's opening post, with and without a follow-up) but sit in different halves: the
// held-out case is judged on a turn the tuning half does not hold, yet its opening was tuned on. Reported, so that a
// held-out figure can also be given without them (tests/eval/README.md, "Batch 3 known limits").
if (sp) {
  const halfOf = new Map([...(sp.tuning || []).map(id => [id, 'tuning']), ...(sp.heldout || []).map(id => [id, 'heldout'])]);
  const byTurn = new Map();
  for (const o of items) for (const t of o.turns) { if (!byTurn.has(t)) byTurn.set(t, []); byTurn.get(t).push(o.id); }
  const crossing = [...byTurn.values()].filter(ids => new Set(ids.map(id => halfOf.get(id))).size > 1);
  if (crossing.length) console.log(`cases sharing a turn across halves (held-out ones listed last): ${crossing.map(ids => ids.sort((a, b) => (halfOf.get(a) === 'heldout') - (halfOf.get(b) === 'heldout')).join('/')).join(', ')}`);
}

// Per batch: what each batch adds, and how many of its threads/pages no earlier batch used.
const earlierThreads = new Set(), earlierUrls = new Set();
batchDefs.forEach((d, i) => {
  const b = items.filter(o => batchOf(o.id) === i);
  if (!b.length) { console.log(`batch ${i + 1} (from ${d.from}): no items`); return; }
  const bUrls = new Set(b.map(o => o.url)), bThreads = new Set(b.map(o => threadOf(o.url)));
  const newUrls = [...bUrls].filter(u => !earlierUrls.has(u)).length, newThreads = [...bThreads].filter(t => !earlierThreads.has(t)).length;
  const kinds = count(o => batchOf(o.id) === i ? o.kind : []);
  const halves = sp ? ` split (seed ${d.seed}): tuning ${b.filter(o => (sp.tuning || []).includes(o.id)).length}, heldout ${b.filter(o => (sp.heldout || []).includes(o.id)).length};` : '';
  console.log(`batch ${i + 1} (${b[0].id}..${b[b.length - 1].id}): items ${b.length}; in ${kinds.in || 0}, out ${kinds.out || 0}; two-turn ${b.filter(o => o.turns.length === 2).length};${halves} URLs ${bUrls.size} (${newUrls} not in earlier batches), threads/pages ${bThreads.size} (${newThreads} new)`);
  show(`  batch ${i + 1} phrasing`, count(o => batchOf(o.id) === i ? o.phrasing : []));
  show(`  batch ${i + 1} topic`, count(o => batchOf(o.id) === i ? o.topic : []));
  const min = MIN_BATCH_BY_NUMBER[i + 1] || MIN_BATCH;
  if (i > 0 && b.length < min.items) errors.push(`batch ${i + 1}: only ${b.length} items (need ${min.items})`);
  if (i > 0 && newThreads < min.newThreads) errors.push(`batch ${i + 1}: only ${newThreads} threads/pages not used by earlier batches (need ${min.newThreads})`);
  for (const u of bUrls) earlierUrls.add(u);
  for (const t of bThreads) earlierThreads.add(t);
});

// Mix the issue asks for (reported, not enforced: a shortfall is reported honestly, never filled with invented turns).
const targets = { long: 40, several: 30, informal: 25, 'follow-up': 25, gap: 35 };
const ph = count(o => o.phrasing);
for (const [k, n] of Object.entries(targets)) if ((ph[k] || 0) < n) console.log(`note: ${k}=${ph[k] || 0} is below the issue's target of ${n}`);

if (errors.length) { console.error(`\n${errors.length} problem(s):`); for (const e of errors) console.error('  ' + e); process.exit(1); }
console.log('OK');
