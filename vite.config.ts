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
    rollupOptions: {
      onwarn(warning, warn) {
        // TanStack's "use client" directives mean nothing outside React Server Components.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
