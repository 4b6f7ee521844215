// Writes docs/transforms.md from the compiled library (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { renderTransformsDoc } from '../dist/transforms/transforms-doc.js';

writeFileSync(new URL('../docs/transforms.md', import.meta.url), renderTransformsDoc());
