import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseNativeBinding, electronBindingPath } from './native-binding.js';

const projectRoot = '/opt/order-hub';
const built = join(projectRoot, 'native', 'electron-150', 'better_sqlite3.node');

describe('chooseNativeBinding', () => {
  it('uses the default Node build under plain Node', () => {
    expect(chooseNativeBinding({ runtime: 'node', abi: '115', projectRoot, exists: () => false })).toEqual({ path: undefined });
  });

  it('uses native/electron-<abi>/better_sqlite3.node under Electron when it exists', () => {
    const seen: string[] = [];
    const choice = chooseNativeBinding({ runtime: 'electron', abi: '150', projectRoot, exists: (p) => (seen.push(p), p === built) });
    expect(choice).toEqual({ path: built });
    expect(seen).toEqual([built]);
  });

  it('names the rebuild command when the Electron build is missing', () => {
    const choice = chooseNativeBinding({ runtime: 'electron', abi: '150', projectRoot, exists: () => false });
    expect(choice).toHaveProperty('error');
    const { error } = choice as { error: string };
    expect(error).toContain('npm run rebuild:electron');
    expect(error).toContain(built);
    expect(error).toContain('ABI 150');
  });

  it('does not pick a build made for another Electron ABI', () => {
    const other = electronBindingPath(projectRoot, '143');
    const choice = chooseNativeBinding({ runtime: 'electron', abi: '150', projectRoot, exists: (p) => p === other });
    expect(choice).toHaveProperty('error');
  });

  it.each([undefined, '', 'abc', '../150'])('refuses an unusable ABI %j', (abi) => {
    const choice = chooseNativeBinding({ runtime: 'electron', abi, projectRoot, exists: () => true });
    expect(choice).toHaveProperty('error');
    expect((choice as { error: string }).error).toMatch(/Electron ABI/);
  });
});
