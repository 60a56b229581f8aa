/** A variant as built: its compared values by column, and everything a run reads. */
interface BuiltVariant {
  name: string;
  overrides: Record<string, string>;
  topology: unknown;
  traffic: unknown;
}

/**
 * The compare keys (`keys[k]` is compared in column `columns[k]`) for which two values, the
 * other keys held equal, resolve to the very same variant: such a comparison would show two
 * identical runs under different labels. Returns one message per such key.
 */
export function identicalCompareValues(keys: readonly string[], columns: readonly string[], built: readonly BuiltVariant[]):
  Array<{ key: string; message: string }> {
  const found: Array<{ key: string; message: string }> = [];
  columns.forEach((column, k) => {
    const groups = new Map<string, Array<{ value: string; name: string; resolved: string }>>();
    for (const v of built) {
      const others = columns.filter((c) => c !== column).map((c) => v.overrides[c]).join('\n');
      const group = groups.get(others) ?? [];
      group.push({ value: v.overrides[column], name: v.name, resolved: JSON.stringify([v.topology, v.traffic]) });
      groups.set(others, group);
    }
    for (const group of groups.values()) {
      const pair = group.flatMap((a, i) => group.slice(i + 1).filter((b) => b.value !== a.value && b.resolved === a.resolved).map((b) => [a, b]))[0];
      if (!pair) continue;
      const [a, b] = pair;
      found.push({
        key: keys[k],
        message: `Invalid value: ${a.value} and ${b.value} give identical variants ("${a.name}" and "${b.name}" resolve to the same pods, nodes and traffic): the comparison would show nothing`,
      });
      return;
    }
  });
  return found;
}
