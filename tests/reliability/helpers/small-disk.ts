// A small real disk for full-disk tests: a tmpfs of a few MiB mounted in a temp folder (needs root
// and mount; where that is not allowed, the reason, so the test can say why it was skipped).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface SmallDisk {
  mountPoint: string;
  /** Why no disk could be mounted, or null when it is mounted. */
  reason: string | null;
  unmount(): void;
}

export function mountSmallDisk(dir: string, sizeKb: number): SmallDisk {
  const mountPoint = join(dir, 'klein');
  mkdirSync(mountPoint, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (e) {
    return { mountPoint, reason: `mount -t tmpfs ist hier nicht erlaubt (${String((e as { stderr?: Buffer }).stderr ?? e).trim()})`, unmount: () => undefined };
  }
  return { mountPoint, reason: null, unmount: () => execFileSync('umount', [mountPoint]) };
}
