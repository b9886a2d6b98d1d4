import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into the .NET project that embeds and serves it; the agent serves it at /ui/ (ui_config.content_path
// rewrites the "/ui/" URLs of index.html for another path). `npm run dev` proxies the API to a local agent.
export default defineConfig({
  base: '/ui/',
  plugins: [react()],
  build: {
    outDir: '../src/Trellis.Ui/wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/v1': process.env.TRELLIS_HTTP_ADDR ?? 'http://127.0.0.1:8500' },
  },
});
