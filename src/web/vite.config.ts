// Builds the configuration page into dist/web (served by the service at /); `npm run dev:web`
// serves it with hot reload and forwards the API and OAuth routes to a local service.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const service = process.env.THENA_HUBSPOT_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // React and Mantine are most of the one bundle (about 180 kB gzipped); splitting it would not
    // make the single page load faster.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/api': { target: service, changeOrigin: false },
      '/oauth': { target: service, changeOrigin: false },
    },
  },
});
