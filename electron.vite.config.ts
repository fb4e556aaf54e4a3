/**
 * `electron-vite build` -> out/main (ES module, the package's "main"), out/preload/index.cjs (CommonJS: sandboxed
 * preloads cannot be ES modules) and out/renderer (served as app://desk/ by the main process).
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

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
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs resolve against app://desk/.
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
      // The CSP allows only the app's own files for scripts and fonts: no data: URLs, so nothing is inlined.
      assetsInlineLimit: 0,
    },
  },
});
