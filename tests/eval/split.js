#!/usr/bin/env node
// Splits tests/eval/real-questions.jsonl into a tuning half and a held-out half, ONE BATCH AT A TIME.
// Each batch (a run of ids starting at `from`, up to the next batch's `from`) is dealt on its own with its
// own seed, so adding a batch never moves an id of an earlier batch: batch 1 (real-001..real-201, seed
// 20261204) is dealt exactly as the original single-batch run dealt it.
// Within a batch: seeded shuffle (mulberry32), stratified by topic+kind+turn count; within each stratum the
// ids are shuffled and dealt alternately, starting with the half of THAT batch that is currently smaller,
// so both halves get the same mix of topics, in/out cases and one-turn/two-turn cases.
// The two halves of every batch are appended to `tuning` and `heldout` (sorted by id).
// Usage: node tests/eval/split.js   -> writes tests/eval/split.json
// Each batch is split once, when it is added; do not re-run it to "improve" a split, and never change a
// committed batch's seed. Never tune on the held-out half.
'use strict';
const fs = require('fs');
const path = require('path');

/** One entry per batch of real questions, in id order; a new batch gets a new entry and seed. */
const BATCHES = [
  { from: 'real-001', seed: 20261204 },
  { from: 'real-202', seed: 20261205 },
  { from: 'real-303', seed: 20261206 },
  { from: 'real-368', seed: 20261207 },
];
const STRATIFIED_BY = ['topic', 'kind', 'turns'];

const dir = __dirname;
const items = fs.readFileSync(path.join(dir, 'real-questions.jsonl'), 'utf8')
  .split('\n').filter(l => l.trim()).map(l => JSON.parse(l));

const idNumber = id => Number(id.replace(/^real-/, ''));
const byId = (a, b) => a.localeCompare(b, 'en', { numeric: true });

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deals one batch's items into two halves with that batch's own PRNG and counters. */
function dealBatch(batchItems, seed) {
  const rand = mulberry32(seed);
  const shuffle = (arr) => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  };
  const strata = new Map();
  for (const o of batchItems) {
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
  return { tuning, heldout };
}

const starts = BATCHES.map(b => idNumber(b.from));
const batchOf = id => { let b = -1; starts.forEach((s, i) => { if (idNumber(id) >= s) b = i; }); return b; };
const tuning = [], heldout = [];
const batches = BATCHES.map((b, i) => {
  const batchItems = items.filter(o => batchOf(o.id) === i);
  const half = dealBatch(batchItems, b.seed);
  tuning.push(...half.tuning); heldout.push(...half.heldout);
  console.log(`batch from ${b.from} (seed ${b.seed}): ${batchItems.length} items -> tuning ${half.tuning.length}, heldout ${half.heldout.length}`);
  return { from: b.from, seed: b.seed, count: batchItems.length, tuning: half.tuning.length, heldout: half.heldout.length };
});
const stray = items.filter(o => batchOf(o.id) < 0).map(o => o.id);
if (stray.length) { console.error(`ids before the first batch: ${stray.join(', ')}`); process.exit(1); }
tuning.sort(byId); heldout.sort(byId);
const out = { batches, stratifiedBy: STRATIFIED_BY, source: 'real-questions.jsonl', count: items.length, tuning, heldout };
fs.writeFileSync(path.join(dir, 'split.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`all: tuning ${tuning.length}, heldout ${heldout.length}`);
