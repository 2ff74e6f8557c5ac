// A jest reporter for CI (`.ci/run`): one line per test file as it starts and ends, appended to the file named by
// CI_PROGRESS_FILE, so a watchdog outside the test process can name a file that hangs. Jest runs this machine's suite in
// band (one worker on two cores), so a test stuck in synchronous code stops every timer inside the process, jest's own
// timeouts included; only another process can see it. Writes nothing to stdout.
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');

class ProgressReporter {
    constructor(globalConfig) {
        this.file = process.env.CI_PROGRESS_FILE;
        this.root = globalConfig.rootDir;
    }

    write(event, path) {
        if (!this.file) return;
        // Seconds since the epoch, the event and the file: what the watchdog reads with `read`.
        appendFileSync(this.file, `${Math.floor(Date.now() / 1000)} ${event} ${path ? relative(this.root, path) : '-'}\n`);
    }

    onTestFileStart(test) {
        this.write('start', test.path);
    }

    onTestFileResult(test) {
        this.write('end', test.path);
    }

    onRunComplete() {
        this.write('complete');
    }
}

module.exports = ProgressReporter;
