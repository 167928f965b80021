import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProviderContract } from '../../test/contract/provider-contract.js';
import { bundleForChild } from '../../test/helpers/bundle.js';
import { KeychainProvider, loadKeyring } from './keychain-provider.js';

const service = `rrr-secrets-test-${randomBytes(4).toString('hex')}`;

const hasBinary = (name: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const canOpen = async () => {
  try {
    await KeychainProvider.open({ service });
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts a private session bus with `dbus-run-session`, runs an unlocked `gnome-keyring-daemon` in it (with a
 * throw-away HOME so no real keyring is touched), and points this process at it. Returns a stop function.
 */
async function startKeyringSession(): Promise<(() => Promise<void>) | undefined> {
  const home = await mkdtemp(join(tmpdir(), 'rrr-keyring-home-'));
  const child = spawn(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      'printf "%s" "$RRR_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; echo "ADDR=$DBUS_SESSION_BUS_ADDRESS"; exec sleep 600',
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_RUNTIME_DIR: home,
        RRR_KEYRING_PASSWORD: 'rrr-test-keyring',
      },
    },
  );
  const stop = async () => {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await rm(home, { recursive: true, force: true });
  };
  const address = await new Promise<string | undefined>((resolveAddress) => {
    let out = '';
    const timer = setTimeout(() => resolveAddress(undefined), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ADDR=(\S+)/.exec(out);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolveAddress(m[1]);
      }
    });
    child.on('exit', () => resolveAddress(undefined));
  });
  if (address === undefined) {
    await stop();
    return undefined;
  }
  process.env['DBUS_SESSION_BUS_ADDRESS'] = address;
  for (let i = 0; i < 30; i += 1) {
    if (await canOpen()) return stop;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  return undefined;
}

const linux = process.platform === 'linux';
// The native binding caches its session-bus connection (or the failure to get one) for the whole process, so
// this process must not touch the keychain before a bus address is set. Bus-less behaviour is tested in child
// processes below.
let stopSession: (() => Promise<void>) | undefined;
let available = false;
if (linux && process.env['DBUS_SESSION_BUS_ADDRESS'] !== undefined) {
  available = await canOpen();
} else if (linux && hasBinary('dbus-run-session') && hasBinary('gnome-keyring-daemon')) {
  stopSession = await startKeyringSession();
  available = stopSession !== undefined;
}
afterAll(async () => {
  await stopSession?.();
});

const skipReason = `no Secret Service reachable (dbus-run-session ${hasBinary('dbus-run-session') ? 'present' : 'missing'}, gnome-keyring-daemon ${hasBinary('gnome-keyring-daemon') ? 'present' : 'missing'}; CI needs apt packages dbus, gnome-keyring, libsecret-tools)`;

if (available) {
  describeProviderContract('KeychainProvider (Linux Secret Service via gnome-keyring)', async (clock) => {
    const provider = await KeychainProvider.open({ service, clock });
    return {
      provider,
      seed: async (values) => {
        for (const [k, v] of Object.entries(values)) await provider.set(k, v);
      },
      cleanup: async () => {
        for (const m of await provider.list()) await provider.delete(m.name);
      },
    };
  });

  describe('KeychainProvider (Secret Service specifics)', () => {
    it('reads a value written by another tool as a plain password, without metadata', async () => {
      const keyring = await loadKeyring();
      const foreign = new keyring.Entry(service, 'FOREIGN_TOKEN', { linux: { store: 'secret-service' } });
      foreign.setPassword('plain-foreign-value');
      const provider = await KeychainProvider.open({ service });
      const entry = await provider.get('FOREIGN_TOKEN');
      expect(entry?.value.reveal()).toBe('plain-foreign-value');
      expect(entry?.metadata).toEqual({
        name: 'FOREIGN_TOKEN',
        source: `keychain:${service}`,
        kind: 'keychain',
        plaintext: false,
      });
      expect(foreign.deletePassword()).toBe(true);
    });
  });

  describe('KeychainProvider (several processes writing at once)', () => {
    const writers = 6;
    const perWriter = 5;
    const multiService = `${service}-multi`;
    let bundle = '';
    beforeAll(async () => {
      bundle = await bundleForChild('src/keychain/index.ts', { resolvePeers: true });
      await writeFile(
        join(dirname(bundle), 'writer.mjs'),
        [
          "import { KeychainProvider } from './bundle.mjs';",
          'const [service, writer, count] = process.argv.slice(2);',
          'const keychain = await KeychainProvider.open({ service });',
          'for (let i = 0; i < Number(count); i += 1) {',
          "  await keychain.set('W' + writer + '_SECRET_' + i, 'value-' + writer + '-' + i);",
          '}',
          "console.log('done');",
        ].join('\n'),
      );
    }, 30_000);
    afterAll(async () => {
      if (bundle === '') return;
      await rm(dirname(bundle), { recursive: true, force: true });
      await rmdir(dirname(dirname(bundle))).catch(() => undefined);
    });

    const runWriter = (writer: number) =>
      new Promise<string>((resolveRun, rejectRun) => {
        const child = spawn(
          process.execPath,
          [join(dirname(bundle), 'writer.mjs'), multiService, String(writer), String(perWriter)],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.stderr.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.on('error', rejectRun);
        child.on('exit', (code) =>
          code === 0
            ? resolveRun(out.trim())
            : rejectRun(new Error(`writer ${writer} exited ${code}: ${out}`)),
        );
      });

    it('keeps every name in the index when child processes set different secrets concurrently', async () => {
      const outputs = await Promise.all(Array.from({ length: writers }, (_, w) => runWriter(w)));
      expect(outputs).toEqual(Array.from({ length: writers }, () => 'done'));
      const keychain = await KeychainProvider.open({ service: multiService });
      const expected = Array.from({ length: writers }, (_, w) =>
        Array.from({ length: perWriter }, (_, i) => `W${w}_SECRET_${i}`),
      )
        .flat()
        .sort((a, b) => a.localeCompare(b));
      const listed = (await keychain.list()).map((m) => m.name);
      expect(listed, 'no index entry lost to a concurrent read-modify-write').toEqual(expected);
      for (const name of listed) {
        const [, w, i] = /^W(\d+)_SECRET_(\d+)$/.exec(name) ?? [];
        expect((await keychain.get(name))?.value.reveal()).toBe(`value-${w}-${i}`);
      }
      for (const name of listed) expect(await keychain.delete(name)).toBe(true);
      expect(await keychain.list()).toEqual([]);
    }, 60_000);
  });
} else {
  describe('KeychainProvider contract', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}

describe.runIf(linux)('KeychainProvider without a usable Secret Service (child processes)', () => {
  let bundle = '';
  beforeAll(async () => {
    bundle = await bundleForChild('src/keychain/index.ts', { resolvePeers: true });
    await writeFile(
      join(dirname(bundle), 'probe.mjs'),
      [
        "import { KeychainProvider } from './bundle.mjs';",
        `const service = ${JSON.stringify(`${service}-probe`)};`,
        'let result;',
        'try {',
        '  const p = await KeychainProvider.open({ service });',
        "  await p.set('PROBE', 'probe-value');",
        "  result = { code: 'opened' };",
        '} catch (e) {',
        '  result = { code: e.code, message: e.message };',
        '}',
        "const { Entry } = await import('@napi-rs/keyring');",
        'let kernel = null;',
        "try { kernel = new Entry(service, 'PROBE', { linux: { store: 'keyutils' } }).getPassword(); } catch {}",
        'console.log(JSON.stringify({ ...result, kernel, bus: Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) }));',
      ].join('\n'),
    );
  }, 30_000);
  afterAll(async () => {
    if (bundle === '') return;
    await rm(dirname(bundle), { recursive: true, force: true });
    await rmdir(dirname(dirname(bundle))).catch(() => undefined); // the package's .tmp/, when now empty
  });

  const run = (command: string, args: string[]) => {
    const env = { ...process.env };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    const out = execFileSync(command, args, { encoding: 'utf8', env });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
      code: string;
      message: string;
      kernel: string | null;
      bus: boolean;
    };
  };

  it('with no session bus: KeychainUnavailableError, and nothing lands in the kernel keyring', () => {
    const result = run(process.execPath, [join(dirname(bundle), 'probe.mjs')]);
    expect(result.bus).toBe(false);
    expect(result.code).toBe('keychain_unavailable');
    expect(result.message).toContain('Secret Service');
    expect(result.kernel, 'no silent fallback to keyutils').toBeNull();
  });

  it.runIf(hasBinary('dbus-run-session'))(
    'on a fresh dbus-run-session bus with no unlocked keyring: KeychainUnavailableError, no fallback',
    () => {
      const result = run('dbus-run-session', ['--', process.execPath, join(dirname(bundle), 'probe.mjs')]);
      expect(result.bus).toBe(true);
      expect(result.code).toBe('keychain_unavailable');
      expect(result.message).not.toContain('not installed');
      expect(result.kernel).toBeNull();
    },
  );
});
