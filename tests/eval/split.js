#!/usr/bin/env node
// Splits tests/eval/real-questions.jsonl ONCE into a tuning half and a held-out half.
// Seeded shuffle (mulberry32), stratified by topic+kind+turn count: within each stratum the ids are
// shuffled and dealt alternately, starting with the half that is currently smaller, so both
// halves get the same mix of topics, in/out cases and one-turn/two-turn cases.
// Usage: node tests/eval/split.js [seed]   -> writes tests/eval/split.json
// It was run once; do not re-run it to "improve" a split. Never tune on the held-out half.
'use strict';
const fs = require('fs');
const path = require('path');

const SEED = Number(process.argv[2] || 20261204);
const dir = __dirname;
const items = fs.readFileSync(path.join(dir, 'real-questions.jsonl'), 'utf8')
  .split('\n').filter(l => l.trim()).map(l => JSON.parse(l));

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
function shuffle(arr) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}

const strata = new Map();
for (const o of items) {
  const k = o.topic + '|' + o.kind + '|' + o.turns.length;
  if (!strata.has(k)) strata.set(k, []);
  strata.get(k).push(o.id);
}
const tuning = [], heldout = [];
for (const k of [...strata.keys()].sort()) {
  const ids = shuffle(strata.get(k).slice().sort());
  let toTuning = tuning.length <= heldout.length;
  for (const id of ids) {
    (toTuning ? tuning : heldout).push(id);
    toTuning = !toTuning;
  }
}
const byId = (a, b) => a.localeCompare(b, 'en', { numeric: true });
tuning.sort(byId); heldout.sort(byId);
const out = { seed: SEED, stratifiedBy: ['topic', 'kind', 'turns'], source: 'real-questions.jsonl', count: items.length, tuning, heldout };
fs.writeFileSync(path.join(dir, 'split.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`seed ${SEED}: tuning ${tuning.length}, heldout ${heldout.length}`);
