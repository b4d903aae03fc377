// scripts/lib/build-dir.sh: a copied or moved checkout rebuilds instead of
// failing on the CMake cache of the place it came from. Checked on a tiny
// real CMake project (no compiler needed), copied the way a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HELPER = fileURLToPath(new URL('../../scripts/lib/build-dir.sh', import.meta.url));

function bash(script, cwd) {
  return spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
}

/** A checkout with a configured build folder, and a copy of it elsewhere. */
function configuredCheckoutAndCopy(t) {
  const root = mkdtempSync(join(tmpdir(), 'sharelock-build-dir-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const original = join(root, 'original');
  const copy = join(root, 'copy');
  mkdirSync(original);
  writeFileSync(join(original, 'CMakeLists.txt'), 'cmake_minimum_required(VERSION 3.20)\nproject(moved NONE)\n');
  const configured = bash('cmake -S . -B build', original);
  assert.equal(configured.status, 0, configured.stderr);
  writeFileSync(join(original, 'build', 'marker'), 'built here');
  cpSync(original, copy, { recursive: true });
  return { original, copy };
}

test('without the helper, cmake in a copied checkout fails on the old cache (the problem is real)', (t) => {
  const { copy } = configuredCheckoutAndCopy(t);
  const result = bash('cmake -S . -B build', copy);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /is different/);
});

test('a build folder configured elsewhere is removed, said so, and configures afresh', (t) => {
  const { copy } = configuredCheckoutAndCopy(t);
  const result = bash(`. '${HELPER}' && forget_moved_build build && cmake -S . -B build`, copy);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /build: build was configured in \S*\/original\/build, not here; removing it/);
  assert.equal(existsSync(join(copy, 'build', 'marker')), false);
  assert.equal(existsSync(join(copy, 'build', 'CMakeCache.txt')), true);
});

test('a build folder that belongs here is kept as it is', (t) => {
  const { original } = configuredCheckoutAndCopy(t);
  const result = bash(`. '${HELPER}' && forget_moved_build build`, original);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.equal(existsSync(join(original, 'build', 'marker')), true);
});

test('a checkout moved away (its old place gone) is rebuilt too', (t) => {
  const { original } = configuredCheckoutAndCopy(t);
  const moved = `${original}-moved`;
  renameSync(original, moved);
  const result = bash(`. '${HELPER}' && forget_moved_build build && cmake -S . -B build`, moved);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /build: build was configured in \S*\/original\/build, not here; removing it/);
  assert.equal(existsSync(join(moved, 'build', 'marker')), false);
});

test('the same checkout reached through a symlink is not taken for a moved one', (t) => {
  const { original } = configuredCheckoutAndCopy(t);
  const link = `${original}-link`;
  symlinkSync(original, link);
  const result = bash(`. '${HELPER}' && forget_moved_build build`, link);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.equal(existsSync(join(original, 'build', 'marker')), true);
});

test('no build folder yet: nothing to do', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'sharelock-build-dir-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const result = bash(`. '${HELPER}' && forget_moved_build build/native`, root);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
});
