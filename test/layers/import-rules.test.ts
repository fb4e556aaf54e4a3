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

describe("layer import rules (README.md, 'What is where' and 'Inside the renderer') fail the build", () => {
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
    [
      'renderer/app/probe.ts',
      "import { QueueView } from '../features/queue/QueueView';\nexport const x = QueueView;\n",
      /names feature views only in app\/routes\.tsx/,
    ],
    [
      'renderer/app/probe.ts',
      "export const x = () => import('../features/case/CaseView');\n",
      /names feature views only in app\/routes\.tsx/,
    ],
    [
      'renderer/features/queue/probe.ts',
      "import { CaseView } from '../case/CaseView';\nexport const x = CaseView;\n",
      /A feature does not import another feature/,
    ],
    [
      'renderer/features/case/probe.ts',
      "import { useQueueUi } from '../queue/queue-state';\nexport const x = useQueueUi;\n",
      /A feature does not import another feature/,
    ],
    [
      'renderer/features/board/probe.ts',
      "import { x as y } from '../../features/reports/ReportsView';\nexport const x = y;\n",
      /A feature does not import another feature/,
    ],
    [
      'renderer/features/intake/probe.ts',
      "import { Sidebar } from '../../app/Sidebar';\nexport const x = Sidebar;\n",
      /features sit below the shell/,
    ],
    [
      'renderer/case-actions/probe.ts',
      "import { useQueueUi } from '../features/queue/queue-state';\nexport const x = useQueueUi;\n",
      /folders below the features .* import neither/,
    ],
    [
      'renderer/case-store/probe.ts',
      "import { views } from '../app/routes';\nexport const x = views;\n",
      /folders below the features .* import neither/,
    ],
    [
      'renderer/clock/probe.ts',
      "export const x = () => import('../features/settings/SettingsView');\n",
      /folders below the features .* import neither/,
    ],
    [
      'renderer/access/probe.ts',
      "import { useActorId } from '../case-store/case-store';\nexport const x = useActorId;\n",
      /sit below the open case store/,
    ],
    [
      'renderer/db/probe.ts',
      "export const x = () => import('../report-kit/report-data');\n",
      /sit below the open case store/,
    ],
    [
      'renderer/features/queue/probe.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
      /never imports electron|platform\/bridge/,
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

  it('lets the shell route to feature views, and features use what sits below them', () => {
    expect(
      lint(
        'renderer/app/routes.tsx',
        "import { lazy } from 'react';\nexport const x = lazy(() => import('../features/queue/QueueView'));\n",
      ).ok,
    ).toBe(true);
    expect(
      lint(
        'renderer/features/queue/probe.ts',
        "import { useAssignToMe } from '../../case-actions/assign-to-me';\nimport { KIND_LABELS } from '../../case-kit/labels';\nimport { setQueueUi } from './queue-state';\nexport const x = [useAssignToMe, KIND_LABELS, setQueueUi];\n",
      ).ok,
    ).toBe(true);
    expect(
      lint(
        'renderer/case-actions/probe.ts',
        "import { useChange } from '../case-store/changes';\nimport { navigate } from '../shell-services/router';\nexport const x = [useChange, navigate];\n",
      ).ok,
    ).toBe(true);
    // The open store builds on the rules below it.
    expect(
      lint(
        'renderer/case-store/probe.ts',
        "import { currentAccess } from '../access';\nexport const x = currentAccess;\n",
      ).ok,
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
