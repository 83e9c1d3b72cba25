// The layer boundary is a build error (style.md principle 1): these tests run the real ESLint
// config on probe sources placed, by file path only, inside core/ and renderer/. No file is written.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, relativePath) });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]); // a parse error would make "no violations" meaningless
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('core/ boundary', () => {
  it('rejects electron and a relative import that leaves core/', async () => {
    const errors = await restrictedImports(
      'core/__lint_probe__.ts',
      "import { app } from 'electron';\nimport { x } from '../main/x';\nexport { app, x };\n",
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/'electron' import is restricted/);
    expect(errors[1]).toMatch(/'\.\.\/main\/x' import is restricted/);
  });

  it('counts the folder depth: ../../ leaves core/ from core/<module>/', async () => {
    const errors = await restrictedImports(
      'core/orders/__lint_probe__.ts',
      "import '../../renderer/app/x';\nimport '../../preload/index';\nimport '../../sandbox/x';\nimport '../../bench/x';\nimport '../kernel/clock.js';\n",
    );
    expect(errors).toHaveLength(4);
  });

  it('rejects DOM-only packages', async () => {
    const errors = await restrictedImports(
      'core/health/__lint_probe__.ts',
      "import 'react';\nimport 'react-dom/client';\nimport 'ag-grid-community';\nimport 'electron/main';\n",
    );
    expect(errors).toHaveLength(4);
  });

  it('accepts npm dependencies and imports within core/', async () => {
    const errors = await restrictedImports(
      'core/store/__lint_probe__.ts',
      "import Database from 'better-sqlite3';\nimport { join } from 'node:path';\nimport type { Clock } from '../kernel/clock.js';\nimport { z } from 'zod';\nexport { Database, join, z };\nexport type { Clock };\n",
    );
    expect(errors).toEqual([]);
  });
});

describe('core/ tests', () => {
  it('may use test/ helpers and sandbox/ simulators, but not the hosts', async () => {
    const errors = await restrictedImports(
      'core/orders/__lint_probe__.test.ts',
      "import '../../test/support/engine.js';\nimport '../../sandbox/taobao/server.js';\nimport '../../main/node/console.js';\nimport 'electron';\n",
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/main\/node\/console/);
  });

  it('does not extend that to engine code', async () => {
    const errors = await restrictedImports('core/orders/__lint_probe__.ts', "import '../../test/support/engine.js';\nimport '../../sandbox/x.js';\n");
    expect(errors).toHaveLength(2);
  });
});

describe('renderer/ boundary', () => {
  it('allows core/contract and rejects the rest of core/', async () => {
    const errors = await restrictedImports(
      'renderer/orders/__lint_probe__.tsx',
      "import type { CoreApi } from '../../core/contract/api.js';\nimport { createCore } from '../../core/index.js';\nimport '../../core/orders/state.js';\nimport '../../core';\nexport type { CoreApi };\nexport { createCore };\n",
    );
    expect(errors).toHaveLength(3);
  });
});
