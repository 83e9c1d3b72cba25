// ESLint flat config. Light on style, strict on one thing: the layer boundaries of architecture.md
// ("core/ never imports electron, DOM, main/, preload/, renderer/"), made a lint error rather than a
// convention (style.md principle 1; VS Code's import-layering rule is the model). No type-aware
// rules, so `npx eslint .` stays fast and does not depend on every tsconfig compiling.
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SOURCE_FILES = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
// no-restricted-imports matches import strings, not resolved paths, so "a relative import that
// leaves the folder" is expressed per directory depth: a file N folders below core/ leaves it with
// N+1 leading "../". Deeper than this is not expected; raise it if core/ ever nests further.
const MAX_DEPTH = 8;
const upLevels = (n) => `^(\\./)?(\\.\\./){${n}}`;

/** Packages the engine must never import: the desktop shell, and anything that needs a DOM. */
const CORE_FORBIDDEN_PACKAGES = [
  { group: ['electron', 'electron/*'], message: 'core/ is a plain Node library; Electron belongs in main/electron/ (architecture.md).' },
  {
    group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'ag-grid*', '@ag-grid-*/*', '@testing-library/*'],
    message: 'core/ runs without a DOM; UI libraries belong in renderer/.',
  },
];

const LEAVES_CORE = 'core/ is a library: a relative import may not leave core/ (main/, renderer/, preload/, sandbox/, bench/ build on core, not the reverse). npm packages are fine.';

/**
 * Engine code may not leave core/. Its tests (beside the code, style.md principle 10) may also use
 * the shared helpers in test/ and the partner simulators in sandbox/ (architecture.md: tests talk to
 * the sandbox over real HTTP), but still nothing of the hosts or the UI.
 */
function coreBoundary(depth, { tests }) {
  const escape = upLevels(depth + 1) + (tests ? '(?!(test|sandbox)(/|$))' : '');
  const folder = `core/${'*/'.repeat(depth)}`;
  return {
    files: tests ? [`${folder}*.test.${SOURCE_FILES}`] : [`${folder}*.${SOURCE_FILES}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CORE_FORBIDDEN_PACKAGES,
            { regex: escape, message: tests ? `${LEAVES_CORE} Tests may also import from test/ and sandbox/.` : LEAVES_CORE },
          ],
        },
      ],
    },
  };
}

function rendererBoundary(depth) {
  return {
    files: [`renderer/${'*/'.repeat(depth)}*.${SOURCE_FILES}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*', 'better-sqlite3'], message: 'The renderer is sandboxed: reach the engine through window.orderHub / the transport.' },
            {
              // ../(xN)core or core/<anything but contract>
              regex: `${upLevels(depth + 1)}core(/(?!contract(/|$)).*)?$`,
              message: 'renderer/ may import only core/contract/** (types and error helpers); everything else goes through send().',
            },
          ],
        },
      ],
    },
  };
}

const depths = Array.from({ length: MAX_DEPTH + 1 }, (_, d) => d);

export default defineConfig(
  globalIgnores(['out/**', 'dist/**', 'node_modules/**', 'native/**', 'coverage/**', 'test-results/**', '.data/**', '**/*.d.ts']),
  {
    files: [`**/*.${SOURCE_FILES}`],
    extends: [tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  ...depths.map((d) => coreBoundary(d, { tests: false })),
  ...depths.map((d) => coreBoundary(d, { tests: true })), // later entries win for *.test.* files
  ...depths.map(rendererBoundary),
);
