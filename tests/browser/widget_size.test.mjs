// The widget stays small and the front end never builds HTML from strings (case H07).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './support/server.mjs';

const publicDir = path.join(repoRoot, 'web/public');
const WIDGET_BUDGET_BYTES = 12 * 1024;

function scripts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scripts(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []);
}

test('widget.js is at most 12 KB gzipped and has no dependencies', () => {
  const source = readFileSync(path.join(publicDir, 'widget.js'));
  const size = gzipSync(source, { level: 9 }).length;
  assert.ok(size <= WIDGET_BUDGET_BYTES, `widget.js is ${size} bytes gzipped`);
  assert.doesNotMatch(source.toString(), /\bimport\b\s*[({'"]|\brequire\(/, 'no imports');
});

test('no front-end script turns data into HTML', () => {
  const files = scripts(publicDir);
  assert.ok(files.length >= 4);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /\.(innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/,
      `${path.relative(repoRoot, file)} must use textContent and DOM nodes`);
  }
});

test('pages load no inline script or style (a strict CSP forbids them)', () => {
  for (const page of readdirSync(publicDir).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(path.join(publicDir, page), 'utf8');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${page}: inline <script>`);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, `${page}: inline style or handler`);
  }
});
