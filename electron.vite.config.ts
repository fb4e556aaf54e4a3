/**
 * `electron-vite build` -> out/main (ES module, the package's "main"), out/preload/index.cjs (CommonJS: sandboxed
 * preloads cannot be ES modules) and out/renderer (served as app://desk/ by the main process).
 */
import { relative, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Alias } from 'vite';
import renderer, { rendererRoot as bundledRendererRoot } from './renderer/vite.config';

const root = import.meta.dirname;
const rendererRoot = resolve(root, 'renderer');

/**
 * electron-vite bundles this file with what it imports and gives every module this file's import.meta.dirname,
 * so renderer/vite.config.ts's paths come out rooted at the project instead of renderer/: re-root them.
 */
const rerooted = (path: string) => resolve(rendererRoot, relative(bundledRendererRoot, path));
const rendererAlias = renderer.resolve?.alias;
const aliases: readonly Alias[] = Array.isArray(rendererAlias) ? rendererAlias : [];

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(root, 'electron/main/index.ts') },
      // Bundle dependencies (zod…) so the packaged app needs no node_modules in its asar.
      externalizeDeps: false,
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
      // A sandboxed preload can require only 'electron' and a few built-ins: everything else is bundled.
      externalizeDeps: false,
    },
  },
  // The browser host's renderer build (plugins, the CSP-safe scroll-lock stand-in, chunking), written to
  // out/renderer instead of out/web, with its root and alias paths set again (see `rerooted`).
  renderer: {
    ...renderer,
    root: rendererRoot,
    resolve: {
      ...renderer.resolve,
      alias: aliases.map((alias) => ({ ...alias, replacement: rerooted(alias.replacement) })),
    },
    build: {
      ...renderer.build,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(rendererRoot, 'index.html') },
    },
  },
});
