// The CJK bigram tokenizer for MiniSearch posted in MiniSearch's own issue
// tracker (lucaong/minisearch#201, comment of 2024-11-30): split on spaces
// and punctuation as MiniSearch's default does, put a space between CJK and
// non-CJK characters, and cut each CJK run into overlapping bigrams. The
// comment imports `bigram` from the npm package n-gram; `bigram` below
// behaves as that package documents (a string shorter than two characters
// gives no bigram), so a lone CJK character is not indexed or searched.
// Used for indexing (build-minisearch.mjs, in Node) and for queries (run.mjs,
// in the browser).
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;
// From pangu.js, as in the comment.
const CJK_RANGE = '\u2e80-\u2eff\u2f00-\u2fdf\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u3100-\u312f\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff';
const CJK_NCJK = new RegExp(`([${CJK_RANGE}])([^${CJK_RANGE}])`, 'g');
const NCJK_CJK = new RegExp(`([^${CJK_RANGE}])([${CJK_RANGE}])`, 'g');
const CJK_WORD = new RegExp(`^[${CJK_RANGE}]+$`);

export function isCJKTerm(term) {
  return CJK_WORD.test(term);
}

function addSpaceBetweenCJKandNonCJK(text) {
  return text.replace(CJK_NCJK, '$1 $2').replace(NCJK_CJK, '$1 $2');
}

function bigram(text) {
  const out = [];
  for (let i = 0; i + 2 <= text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}

export function tokenize(text) {
  return addSpaceBetweenCJKandNonCJK(text)
    .split(SPACE_OR_PUNCTUATION)
    .flatMap((term) => (isCJKTerm(term) ? bigram(term) : [term]))
    .filter((term) => term.length > 0);
}

// Index and query options shared by both sides.
export const options = { fields: ['title', 'body'], storeFields: ['title'], idField: 'id', tokenize };
