/**
 * Reads Kubernetes YAML (hand-written manifests or `kubectl get -o yaml` dumps) into raw objects
 * that remember where each field was written. No defaults, no validation: see kubernetes-objects.ts.
 */
import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic } from './diagnostics.js';
import { readInputFile } from './input-files.js';
import { MAX_NESTING } from './limits.js';
import { nestingProblem, tooDeepNode } from './yaml-nesting.js';
import type { FieldPath, Origin, RawObject } from './objects.js';

export interface YamlSource {
  objects: RawObject[];
  diagnostics: Diagnostic[];
  files: Array<{ path: string; sha256: string }>;
}

export function loadYamlFiles(paths: string[]): YamlSource {
  const out: YamlSource = { objects: [], diagnostics: [], files: [] };
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readInputFile(path);
    } catch (e) {
      out.diagnostics.push({ severity: 'error', file: path, message: `cannot read file: ${(e as Error).message}` });
      continue;
    }
    const parsed = parseYamlText(bytes.toString('utf8'), path);
    out.objects.push(...parsed.objects);
    out.diagnostics.push(...parsed.diagnostics);
    out.files.push({ path, sha256: sha256(bytes) });
  }
  return out;
}

export function parseYamlText(text: string, file: string): YamlSource {
  const out: YamlSource = { objects: [], diagnostics: [], files: [{ path: file, sha256: sha256(Buffer.from(text, 'utf8')) }] };
  const lines = new LineCounter();
  // merge: kubectl's YAML reader (YAML 1.1) honours `<<` merge keys, so we do too.
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, merge: true });
  } catch (e) {
    // The parser recurses once per level of block nesting: thousands of levels overflow the stack.
    if (!isStackOverflow(e)) throw e;
    out.diagnostics.push({ severity: 'error', file, line: deepestIndentedLine(text), message: TOO_DEEP });
    return out;
  }
  docs.forEach((doc, index) => {
    const lineAt = (offset: number) => lines.linePos(offset).line;
    for (const e of doc.errors) {
      // Where the parser ran out of stack depends on the stack left: name a line the text decides.
      if (isStackOverflow(e)) out.diagnostics.push({ severity: 'error', file, line: deepestIndentedLine(text), message: TOO_DEEP });
      else out.diagnostics.push({ severity: 'error', file, line: lineAt(e.pos[0]), message: `YAML syntax error: ${e.message}` });
    }
    for (const w of doc.warnings) out.diagnostics.push({ severity: 'warning', file, line: lineAt(w.pos[0]), message: `YAML: ${w.message}` });
    if (doc.errors.length > 0) return;
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
    const where = `document ${index + 1}`;
    const line = doc.contents.range ? lineAt(doc.contents.range[0]) : undefined;
    const deep = tooDeepNode(doc.contents, MAX_NESTING);
    if (deep !== undefined) {
      out.diagnostics.push({ severity: 'error', file, line: lineOfNode(deep, lines) ?? line, message: TOO_DEEP });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      out.diagnostics.push({ severity: 'error', file, line, message: isStackOverflow(e) ? TOO_DEEP : `YAML: ${(e as Error).message}` });
      return;
    }
    // Aliases can nest a value deeper than its text, or inside itself; what follows recurses.
    const nesting = nestingProblem(value, MAX_NESTING);
    if (nesting !== undefined) {
      out.diagnostics.push({ severity: 'error', file, line, message: nesting === 'cycle' ? CYCLE : TOO_DEEP });
      return;
    }
    const origin = (prefix: FieldPath): Origin => ({
      file, document: index, prefix, lineOf: (path) => lineOfPath(doc, lines, [...prefix, ...path]),
    });
    const problem = objectProblem(value);
    if (problem) {
      out.diagnostics.push({ severity: 'error', file, line, message: `${where} is not a Kubernetes object: ${problem}` });
      return;
    }
    const object = value as Record<string, unknown>;
    if (!isList(object)) {
      out.objects.push(rawObject(object, origin([])));
      return;
    }
    // A typed list from the API (PodList...) leaves kind and apiVersion off its items.
    const itemKind = object.kind === 'List' ? undefined : String(object.kind).slice(0, -'List'.length);
    (object.items as unknown[]).forEach((item, i) => {
      if (itemKind && item && typeof item === 'object' && !Array.isArray(item)) {
        item = { apiVersion: object.apiVersion, kind: itemKind, ...item };
      }
      const itemProblem = objectProblem(item);
      if (itemProblem) {
        out.diagnostics.push({ severity: 'error', file, line: lineOfPath(doc, lines, ['items', i]), message: `items[${i}] of ${where} is not a Kubernetes object: ${itemProblem}` });
      } else {
        out.objects.push(rawObject(item as Record<string, unknown>, origin(['items', i])));
      }
    });
  });
  return out;
}

const TOO_DEEP = `YAML: nested more than ${MAX_NESTING} levels deep (svcsim reads at most ${MAX_NESTING}; Kubernetes objects need about 15)`;
const CYCLE = 'YAML: an alias refers to a node that contains it (the value would contain itself)';

function isStackOverflow(e: unknown): boolean {
  return (e instanceof RangeError || (e instanceof Error && e.name === 'YAMLParseError'))
    && /Maximum call stack size exceeded/.test((e as Error).message);
}

/** Where a parser that overflowed gave up cannot be known: the most indented line is the likeliest. */
function deepestIndentedLine(text: string): number | undefined {
  let best = 0;
  let bestLine: number | undefined;
  let line = 1;
  for (let i = 0; i < text.length; line++) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    let indent = i;
    while (indent < end && (text[indent] === ' ' || text[indent] === '-')) indent++;
    if (indent - i > best) { best = indent - i; bestLine = line; }
    i = end + 1;
  }
  return bestLine;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** kubectl's words when apiVersion or kind is missing; undefined when the value is an object. */
function objectProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return `expected a mapping with apiVersion and kind, found ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'expected a mapping with apiVersion and kind, found a sequence';
  const v = value as Record<string, unknown>;
  const missing = [
    ...(typeof v.apiVersion === 'string' && v.apiVersion !== '' ? [] : ['apiVersion not set']),
    ...(typeof v.kind === 'string' && v.kind !== '' ? [] : ['kind not set']),
  ];
  return missing.length > 0 ? missing.join(', ') : undefined;
}

function isList(object: Record<string, unknown>): boolean {
  return String(object.kind).endsWith('List') && Array.isArray(object.items);
}

function rawObject(value: Record<string, unknown>, origin: Origin): RawObject {
  const metadata = value.metadata as Record<string, unknown> | undefined;
  const name = metadata && typeof metadata === 'object' && typeof metadata.name === 'string' ? metadata.name : '';
  return { apiVersion: value.apiVersion as string, kind: value.kind as string, name, value, origin };
}

/**
 * The line of the node at `path`, or of its nearest ancestor that exists. A map entry's line is
 * its key's, which is where the field is named even when its value starts on the next line.
 */
function lineOfPath(doc: Document, lines: LineCounter, path: FieldPath): number | undefined {
  let node: unknown = doc.contents;
  let line = lineOfNode(node, lines);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      line = lineOfNode(pair.key, lines) ?? lineOfNode(pair.value, lines) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      node = node.items[key];
      line = lineOfNode(node, lines) ?? line;
    } else {
      break;
    }
  }
  return line;
}

function lineOfNode(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}
