// Loaded with `node --require` into a started bot by tests/e2e/processGuards.test.ts: a message "leave a rejection"
// leaves a promise rejected with nobody awaiting it, "throw from a timer" throws from a timer the turn set, and a message
// starting "take your time:" waits a second before the bot answers the rest. Nothing
// in the bot does either on purpose: this stands for the bug nobody has found yet.
const path = require('node:path');
const { ActivityHandler } = require(path.join(process.cwd(), 'node_modules', 'botbuilder'));

const run = ActivityHandler.prototype.run;
ActivityHandler.prototype.run = async function (context) {
    const text = context.activity.text;
    if (text === 'leave a rejection') void Promise.reject(new Error('turn fault: a promise nobody awaited'));
    if (text === 'throw from a timer') setTimeout(() => { throw new Error('turn fault: a throw from a timer'); }, 50);
    if (typeof text === 'string' && text.startsWith('take your time: ')) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        context.activity.text = text.slice('take your time: '.length);
    }
    return run.call(this, context);
};
