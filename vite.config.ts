import { defineConfig } from 'vite';

// The renderer only. Electron's main and preload are bundled by scripts/build-electron.mjs.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
