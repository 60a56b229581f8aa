/** Every violation in dir/src/ (default: svcsim's) as `from -> to: rule`; a cycle adds its path. */
export function layerViolations(dir?: string): Promise<string[]>;
