// Runs Debian's promtool (package `prometheus`; deploy/local/test.sh installs it); a failed check throws with
// promtool's own output.
import { execFileSync } from 'node:child_process';

export function promtool(args, cwd) {
  try {
    return execFileSync('promtool', args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    if (error.code === 'ENOENT') throw new Error('promtool is missing: apt-get install -y prometheus (Debian), or run deploy/local/test.sh as root');
    throw new Error(`promtool ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}
