// Writes config/tmx.schema.json from the option table and trigger spec (see src/config/schema.ts).
// Run after a build: npm run build && node scripts/generate-schema.mjs
import { writeFileSync } from 'node:fs';
import { rcFileSchemaText } from '../dist/config/schema.js';

const target = new URL('../config/tmx.schema.json', import.meta.url);
writeFileSync(target, rcFileSchemaText());
console.log(`wrote ${target.pathname}`);
