/**
 * The renderer's build: used as is by the browser host (`npm run web`, output in out/web) and meant to be spread
 * into electron.vite.config.ts's renderer section, so both shells load the same bundle.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const rendererRoot = import.meta.dirname;

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs load the same from app://desk/ and from the browser host's http origin.
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      // Radix's scroll lock injects <style> elements, which the CSP refuses; see ui/no-scroll-lock.tsx.
      { find: /^react-remove-scroll$/, replacement: `${rendererRoot}/ui/no-scroll-lock.tsx` },
    ],
  },
  build: {
    outDir: `${rendererRoot}/../out/web`,
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // A CSP without 'unsafe-inline' refuses data: module preloads; keep every asset a file.
    assetsInlineLimit: 0,
    // Served from the local disk (app:// or 127.0.0.1), and split so the shell paints first; the largest chunk,
    // the policy presets with their holiday rules (~1.5 MB), loads on demand.
    chunkSizeWarningLimit: 2048,
  },
});
