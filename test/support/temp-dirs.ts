import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temporary directories a test file makes; call `removeAll` in afterEach so none is left behind. */
export class TempDirs {
  private readonly made: string[] = [];

  /** A fresh, empty directory. */
  make(prefix = 'svcsim-test-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.made.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.made.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
