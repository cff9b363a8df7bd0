// Builds the MiniSearch index of a generated corpus (docs.json), serialised
// as MiniSearch documents it, with its default tokenizer.
import MiniSearch from 'minisearch';
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const dir = process.argv[2];
const docs = JSON.parse(readFileSync(join(dir, 'docs.json'), 'utf8'));
const ms = new MiniSearch({ fields: ['title', 'body'], storeFields: [], idField: 'id' });
ms.addAll(docs);
mkdirSync(join(dir, 'minisearch'), { recursive: true });
writeFileSync(join(dir, 'minisearch/index.json'), JSON.stringify(ms));
const require = createRequire(import.meta.url);
const lib = require.resolve('minisearch').replace(/dist\/.*$/, 'dist/es/index.js');
copyFileSync(lib, join(dir, 'minisearch/minisearch.js'));
