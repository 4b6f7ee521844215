import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { docExamples } from './doc-examples.js';
import { transforms } from './registry.js';
import { renderTransformsDoc } from './transforms-doc.js';

test('docs/transforms.md is what the code renders (run `npm run docs` after changing a transform)', async () => {
  const written = await readFile(new URL('../../docs/transforms.md', import.meta.url), 'utf8');
  expect(written).toBe(renderTransformsDoc());
});

test('every transform has at least two examples, and every example names a real transform', () => {
  for (const name of transforms.keys())
    expect(docExamples[name]?.length ?? 0, name).toBeGreaterThanOrEqual(2);
  for (const name of Object.keys(docExamples)) expect(transforms.has(name), name).toBe(true);
});
