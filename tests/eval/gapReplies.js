#!/usr/bin/env node
/*
 * How many of the tuning half's questions the articles cannot answer (`kind: "out"`) get the reply of their own known
 * gap: the trace of a reply to the last turn says `reason: "gap"` with the case's `gap` name, at the top or in a part.
 *
 *   npm run build && node tests/eval/gapReplies.js [--url http://127.0.0.1:3978/api/messages]
 *
 * Reads the tuning half only (split.json › tuning): the held-out half is never used to tune knowledge/gaps.yaml.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { randomUUID } = require('node:crypto');
const { createBotClient } = require('../../dist/src/cli/botClient');

const urlFlag = process.argv.indexOf('--url');
const url = urlFlag > 0 ? process.argv[urlFlag + 1] : 'http://127.0.0.1:3978/api/messages';
const tuning = new Set(JSON.parse(readFileSync(join(__dirname, 'split.json'), 'utf8')).tuning);
const cases = readFileSync(join(__dirname, 'real-questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((c) => tuning.has(c.id) && c.kind === 'out');

/** The gap names a reply's trace gives: its own, and its parts'. */
function gapsOf(activity) {
    const trace = activity.channelData && activity.channelData.answer;
    if (!trace) return [];
    return [trace.reason === 'gap' ? trace.gap : undefined, ...(trace.parts || []).map((p) => (p.reason === 'gap' ? p.gap : undefined))].filter(Boolean);
}

async function main() {
    const client = createBotClient(url);
    const byGap = new Map();
    let matched = 0;
    for (const item of cases) {
        const conversation = `gap-eval-${randomUUID()}`;
        let replies = [];
        for (const turn of item.turns) replies = await client.say(conversation, turn);
        const found = replies.flatMap(gapsOf);
        const hit = found.includes(item.gap);
        if (hit) matched++;
        const row = byGap.get(item.gap) || { asked: 0, matched: 0 };
        row.asked++;
        if (hit) row.matched++;
        byGap.set(item.gap, row);
        if (!hit) console.log(`- ${item.id} (${item.gap}): ${found.length ? `gap reply "${found.join('", "')}"` : 'no gap reply'}`);
    }
    console.log(`\ntuning "out" questions given the reply of their own gap: ${matched} of ${cases.length}`);
    for (const [gap, row] of [...byGap].sort((a, b) => b[1].asked - a[1].asked)) console.log(`  ${gap.padEnd(26)} ${row.matched}/${row.asked}`);
}

main().catch((err) => {
    console.error(`gapReplies: ${err.message}`);
    process.exit(1);
});
