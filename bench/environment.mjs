// The machine and software a run happened on, for every results file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './common.mjs';
import { LIBRARIES, versionOf } from './peers.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function cpuModel() {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1].trim() ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'web', 'core', 'wasm'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head} (+ uncommitted changes in web/core/wasm)` : head;
  } catch {
    return 'unknown';
  }
}

export function environment(browserVersion, libs) {
  return {
    date: new Date().toISOString(),
    chromium: browserVersion,
    machine: {
      nproc: os.availableParallelism?.() ?? os.cpus().length,
      cpu: cpuModel(),
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()}`,
    },
    node: process.version,
    playwright: JSON.parse(readFileSync(join(root, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8')).version,
    sharelock: { version: versionOf('sharelock'), commit: gitCommit() },
    peers: Object.fromEntries(libs.filter((lib) => LIBRARIES[lib].package).map((lib) => [lib, `${LIBRARIES[lib].package}@${versionOf(lib)}`])),
  };
}

/** The 1-minute load average, sampled by every metric before and after each page. */
export const loads = [];
export function sampleLoad() {
  const value = round(os.loadavg()[0], 2);
  loads.push(value);
  return value;
}

export function environmentLine(env) {
  const load = loads.length ? `${Math.min(...loads)}–${Math.max(...loads)}` : os.loadavg()[0].toFixed(2);
  return `${env.date.slice(0, 16).replace('T', ' ')} UTC · Chromium ${env.chromium} (headless, /usr/bin/chromium, --disable-gpu) · ${env.machine.nproc} cores, ${env.machine.cpu}, ${env.machine.memoryGiB} GiB · 1-minute load average during the runs ${load} · Node ${env.node} · Playwright ${env.playwright} · Sharelock ${env.sharelock.commit}`;
}
