// Release rehearsal: pending changesets, then `npm publish --dry-run` of every publishable package.
import { spawnSync } from 'node:child_process';
import { publishablePackages, repoRoot } from './workspace-packages.mjs';

function run(command, args, cwd = repoRoot) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', ['--no-install', 'changeset', 'status', '--verbose']);
run('npm', ['run', 'build']);
for (const { dir } of publishablePackages()) run('npm', ['publish', '--dry-run', '--ignore-scripts'], dir);
