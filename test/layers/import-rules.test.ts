import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const biome = join(root, 'node_modules/.bin/biome');

/** Lints a would-be source file at `path` under the project's biome.json, in a scratch copy. */
function lint(path: string, source: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'desk-layers-'));
  try {
    copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
    copyFileSync(join(root, '.gitignore'), join(dir, '.gitignore'));
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), source);
    const result = spawnSync(biome, ['lint', '--vcs-enabled=false', '--colors=off', path], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('layer import rules (DESIGN.md) fail the build', () => {
  it.each([
    [
      'shared/sla/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      /Node\.js builtin/,
    ],
    ['shared/sla/probe.ts', "import Dexie from 'dexie';\nexport const x = Dexie;\n", /shared\/ is pure/],
    [
      'shared/sla/probe.ts',
      "import { x as y } from '../../renderer/app/x';\nexport const x = y;\n",
      /shared\/ imports only shared/,
    ],
    [
      'renderer/app/probe.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
      /never imports electron|platform\/bridge/,
    ],
    [
      'renderer/app/probe.ts',
      "import { join } from 'node:path';\nexport const x = join;\n",
      /Node\.js builtin/,
    ],
    ['server/probe.ts', "import { app } from 'electron';\nexport const x = app;\n", /plain Node/],
    [
      'electron/main/probe.ts',
      "import { x as y } from '../../renderer/app/x';\nexport const x = y;\n",
      /electron\/ imports only/,
    ],
    [
      'shared/sla/probe.ts',
      "import { compileLadder } from '../escalation/ladder';\nexport const x = compileLadder;\n",
      /SLA clocks know nothing of escalation/,
    ],
    [
      'shared/escalation/probe.ts',
      "import { computeCaseSla } from '../case-sla';\nexport const x = computeCaseSla;\n",
      /ladder sits on the SLA clocks/,
    ],
    [
      'electron/web-host/probe.ts',
      "import { x as y } from '../main/window';\nexport const x = y;\n",
      /does not import electron\/main/,
    ],
    [
      'electron/services/probe.ts',
      "import { safeStorage } from 'electron';\nexport const x = safeStorage;\n",
      /plain Node too/,
    ],
    [
      'electron/services/mail/probe.ts',
      "import { x as y } from '../../web-host/host';\nexport const x = y;\n",
      /sit below electron\/main and electron\/web-host/,
    ],
    [
      'electron/web-host/probe.ts',
      "import { x as y } from '../../renderer/app/x';\nexport const x = y;\n",
      /electron\/ imports only/,
    ],
  ])('refuses %s importing the wrong layer', (path, source, message) => {
    const verdict = lint(path, source);
    expect(verdict.ok).toBe(false);
    expect(verdict.output).toMatch(message);
  });

  it('lets electron/main and electron/web-host use electron/services', () => {
    expect(
      lint('electron/web-host/probe.ts', "import { x as y } from '../services/pdf';\nexport const x = y;\n")
        .ok,
    ).toBe(true);
    expect(
      lint('electron/main/probe.ts', "import { app } from 'electron';\nexport const x = app;\n").ok,
    ).toBe(true);
  });

  it('lets the ladder use the clocks', () => {
    expect(
      lint(
        'shared/escalation/probe.ts',
        "import { addDuration } from '../sla/duration';\nexport const x = addDuration;\n",
      ).ok,
    ).toBe(true);
  });

  it('accepts pure libraries in shared/', () => {
    expect(lint('shared/sla/probe.ts', "import { z } from 'zod';\nexport const x = z;\n").ok).toBe(true);
  });
});
