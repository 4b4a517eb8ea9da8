import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the Weiyun server from packages/web/dist; in development Vite
// proxies /api (and the live WebSocket) to a server on :8080.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000, sourcemap: false },
  server: { proxy: { '/api': { target: 'http://localhost:8080', ws: true } } },
});
