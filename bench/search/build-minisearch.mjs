// Builds the two MiniSearch indexes of a generated corpus (docs.json), each
// serialised as MiniSearch documents it: `default.json` with MiniSearch's
// default options, `bigram.json` with the CJK bigram tokenizer of
// minisearch-bigram.mjs. Both store the title, so a hit can be shown.
// Usage: node bench/search/build-minisearch.mjs <corpus-dir>
import MiniSearch from 'minisearch';
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { options as bigramOptions } from './minisearch-bigram.mjs';

const dir = process.argv[2];
const docs = JSON.parse(readFileSync(join(dir, 'docs.json'), 'utf8'));
mkdirSync(join(dir, 'minisearch'), { recursive: true });
const variants = {
  default: { fields: ['title', 'body'], storeFields: ['title'], idField: 'id' },
  bigram: bigramOptions,
};
for (const [name, options] of Object.entries(variants)) {
  const ms = new MiniSearch(options);
  ms.addAll(docs);
  writeFileSync(join(dir, `minisearch/${name}.json`), JSON.stringify(ms));
}
const require = createRequire(import.meta.url);
const lib = require.resolve('minisearch').replace(/dist\/.*$/, 'dist/es/index.js');
copyFileSync(lib, join(dir, 'minisearch/minisearch.js'));
const here = dirname(fileURLToPath(import.meta.url));
copyFileSync(join(here, 'minisearch-bigram.mjs'), join(dir, 'minisearch/bigram.js'));
