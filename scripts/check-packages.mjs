// Packaging gate run by CI: publint --strict and @arethetypeswrong/cli --pack on every publishable package.
// Expects the packages to be built (npm run build).
import { spawnSync } from 'node:child_process';
import { publishablePackages } from './workspace-packages.mjs';

let failed = 0;
for (const { dir, manifest } of publishablePackages()) {
  const checks = [
    ['publint', ['--strict']],
    // node10 resolution cannot see subpath exports; the packages require Node >= 20, so it is not a target.
    ['attw', ['--pack', '.', '--profile', 'node16', '--format', 'ascii']],
  ];
  // npm silently drops manifest fields it considers invalid at publish time (e.g. a `bin` whose file is not
  // executable); a dry-run publish shows whether it would "auto-correct" anything.
  const publish = spawnSync('npm', ['publish', '--dry-run', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const corrected = publish.status !== 0 || /auto-corrected|errors corrected/.test(publish.stderr);
  console.log(`${corrected ? 'FAIL' : 'ok  '} npm publish --dry-run ${manifest.name}`);
  if (corrected) {
    failed += 1;
    console.log(publish.stderr);
  }
  for (const [tool, args] of checks) {
    const run = spawnSync('npx', ['--no-install', tool, ...args], { cwd: dir, encoding: 'utf8' });
    const ok = run.status === 0;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${tool} ${manifest.name}`);
    if (!ok) {
      failed += 1;
      console.log(run.stdout, run.stderr);
    }
  }
}
if (failed > 0) {
  console.error(`${failed} packaging check(s) failed`);
  process.exit(1);
}
