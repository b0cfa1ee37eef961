/** Runs `vite build` in a child process (its output goes to our stderr, keeping stdout for results). */
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';

/** Builds with the given config file (undefined = vite.config.ts); rejects on a non-zero exit. */
export async function viteBuild(root: string, configFile?: string): Promise<void> {
  const bin = join(root, 'node_modules/vite/bin/vite.js');
  await access(bin);
  const args = [bin, 'build', ...(configFile ? ['--config', configFile] : [])];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`vite build${configFile ? ` --config ${configFile}` : ''} failed (${signal ?? `exit ${code}`}).`)),
    );
  });
}

/** True when `dir/index.html` exists. */
export async function hasBuild(dir: string): Promise<boolean> {
  return access(join(dir, 'index.html')).then(
    () => true,
    () => false,
  );
}
