// Writes schema/leakproof-policy.schema.json from the compiled library (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { renderPolicyJsonSchema } from '../dist/policy/json-schema.js';

writeFileSync(new URL('../schema/leakproof-policy.schema.json', import.meta.url), renderPolicyJsonSchema());
