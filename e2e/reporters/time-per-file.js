// A Playwright reporter that ends each run with where the browser step's
// time went: the spec files by the test time they took (both workers added
// up), slowest first, so the next slow addition is seen (README, "Testing").
// Playwright's own reportSlowTests cannot say it here: with fullyParallel
// each test is scheduled alone, so no "file" ever looks slow.
import { relative } from 'node:path';

const SHOWN = 10;

export default class TimePerFileReporter {
  constructor() {
    this.seconds = new Map();
  }

  onTestEnd(test, result) {
    const file = relative(process.cwd(), test.location.file);
    this.seconds.set(file, (this.seconds.get(file) ?? 0) + result.duration / 1000);
  }

  onEnd() {
    const files = [...this.seconds].sort((a, b) => b[1] - a[1]);
    if (files.length === 0) return;
    const total = files.reduce((sum, [, seconds]) => sum + seconds, 0);
    console.log(`\n== Playwright test time per spec file (s, both workers added up; ${Math.round(total)} s in all)`);
    for (const [file, seconds] of files.slice(0, SHOWN)) console.log(`${Math.round(seconds).toString().padStart(6)}  ${file}`);
    if (files.length > SHOWN) console.log(`        … and ${files.length - SHOWN} more files`);
  }

  printsToStdio() {
    return false;
  }
}
