import { MlflowError } from '@provenant/platform';

export type Token =
  | { t: 'ident'; entity?: string; key: string }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'op'; v: string }
  | { t: 'kw'; v: 'AND' | 'OR' | 'IN' | 'NOT' | 'LIKE' | 'ILIKE' }
  | { t: '(' | ')' | ',' };

const KEYWORDS = new Set(['AND', 'OR', 'IN', 'NOT', 'LIKE', 'ILIKE']);
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/;
const WORD = /^[A-Za-z_][\w.]*/;
const OP = /^(!=|<>|>=|<=|=|>|<)/;

export const badFilter = (filter: string, why: string) =>
  MlflowError.invalid(`Invalid filter '${filter}': ${why}`);

/** Reads a quoted string starting at `i` (the quote); doubling the quote escapes it, as in SQL. */
function quoted(src: string, i: number): { text: string; end: number } {
  const q = src[i];
  let text = '';
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === q) {
      if (src[j + 1] === q) {
        text += q;
        j++;
        continue;
      }
      return { text, end: j + 1 };
    }
    text += src[j];
  }
  throw badFilter(src, `unterminated ${q} quote at position ${i}`);
}

/**
 * Tokens of MLflow's search language: `metrics.acc`, ``tags.`my tag` ``, `params."a-b"`,
 * bare attributes, quoted strings, numbers, comparison operators, AND/OR/IN/NOT/LIKE/ILIKE and
 * parentheses (grouping is Provenant's extension; MLflow has AND only).
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const rest = src.slice(i);
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c });
      i++;
    } else if (c === "'" || c === '"') {
      const s = quoted(src, i);
      out.push({ t: 'string', v: s.text });
      i = s.end;
    } else if (c === '`') {
      const s = quoted(src, i);
      out.push({ t: 'ident', key: s.text });
      i = s.end;
    } else if (OP.test(rest)) {
      const op = OP.exec(rest)![0];
      out.push({ t: 'op', v: op === '<>' ? '!=' : op });
      i += op.length;
    } else if (NUMBER.test(rest) && !/^[A-Za-z_]/.test(c)) {
      const n = NUMBER.exec(rest)![0];
      out.push({ t: 'number', v: Number(n) });
      i += n.length;
    } else if (WORD.test(rest)) {
      const word = WORD.exec(rest)![0];
      i += word.length;
      if (KEYWORDS.has(word.toUpperCase())) out.push({ t: 'kw', v: word.toUpperCase() as never });
      else if (word.endsWith('.') && /["`]/.test(src[i] ?? '')) {
        // entity."quoted key" / entity.`quoted key`
        const s = quoted(src, i);
        out.push({ t: 'ident', entity: word.slice(0, -1), key: s.text });
        i = s.end;
      } else {
        const dot = word.indexOf('.');
        out.push(
          dot < 0
            ? { t: 'ident', key: word }
            : { t: 'ident', entity: word.slice(0, dot), key: word.slice(dot + 1) },
        );
      }
    } else throw badFilter(src, `unexpected character '${c}' at position ${i}`);
  }
  return out;
}
