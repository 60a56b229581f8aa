import { isMap, isPair, isSeq } from 'yaml';

/**
 * Nesting checks that themselves never recurse: the YAML parser, zod, structuredClone and the
 * decoders all do, so a document nested thousands of levels deep must be stopped before them.
 */

/** The first node of a parsed YAML tree nested deeper than `max` levels, or undefined. */
export function tooDeepNode(root: unknown, max: number): unknown {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > max) return node;
      for (const item of node.items as unknown[]) stack.push([item, depth + 1]);
    } else if (isPair(node)) {
      // A pair is its map's entry, not a level of its own.
      stack.push([node.key, depth], [node.value, depth]);
    }
    // An alias adds no level here: nestingProblem measures what it expands to.
  }
  return undefined;
}

/**
 * 'cycle' when a value contains itself (an alias inside its own anchor), 'deep' when it nests
 * more than `max` levels of objects and arrays, else undefined. Shared values (aliases) are
 * measured once: the walk is linear in the distinct objects.
 */
export function nestingProblem(value: unknown, max: number): 'cycle' | 'deep' | undefined {
  const IN_PROGRESS = -1;
  const height = new Map<object, number>();
  const stack: Array<{ node: object; children: unknown[]; next: number; depth: number }> = [];
  const enter = (node: unknown, depth: number): 'cycle' | 'deep' | undefined => {
    if (node === null || typeof node !== 'object') return undefined;
    const known = height.get(node);
    if (known === IN_PROGRESS) return 'cycle';
    if (known !== undefined) return depth + known - 1 > max ? 'deep' : undefined;
    if (depth > max) return 'deep';
    height.set(node, IN_PROGRESS);
    stack.push({ node, children: Object.values(node), next: 0, depth });
    return undefined;
  };
  const first = enter(value, 1);
  if (first) return first;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      const problem = enter(top.children[top.next++], top.depth + 1);
      if (problem) return problem;
      continue;
    }
    stack.pop();
    let h = 1;
    for (const c of top.children) if (c !== null && typeof c === 'object') h = Math.max(h, height.get(c)! + 1);
    height.set(top.node, h);
  }
  return undefined;
}
