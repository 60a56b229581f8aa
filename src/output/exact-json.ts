/**
 * JSON that gives back exactly the numbers it was given: JSON itself writes NaN and ±Infinity as
 * null and -0 as 0, so those are written as {"$number": "NaN"} and the like, and a Float64Array
 * (a time series' page) as {"$float64": base64 of its bytes, little-endian}. Finite numbers need
 * nothing: JSON.stringify writes the shortest text that parses back to the same double. What a
 * shard directory holds, so that merging its outcomes gives the files an unsharded run writes.
 */
export function toExactJson(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, _key: string, v: unknown) {
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return { $number: Object.is(v, -0) ? '-0' : String(v) };
    if (v instanceof Float64Array) return { $float64: float64Base64(v) };
    return v;
  });
}

export function fromExactJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const tagged = v as { $number?: unknown; $float64?: unknown };
    if (typeof tagged.$number === 'string' && Object.keys(v).length === 1) return Number(tagged.$number);
    if (typeof tagged.$float64 === 'string' && Object.keys(v).length === 1) return float64FromBase64(tagged.$float64);
    return v;
  });
}

function float64Base64(values: Float64Array): string {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i], i * 8);
  return bytes.toString('base64');
}

function float64FromBase64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  const values = new Float64Array(Math.floor(bytes.length / 8));
  for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleLE(i * 8);
  return values;
}
