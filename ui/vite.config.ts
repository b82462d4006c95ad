import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const root = fileURLToPath(new URL('.', import.meta.url))

// Component tests run in UTC, a zone other than the company's (Asia/Shanghai by default): every
// time shown or picked must follow the company's zone, not the computer's (format.spec.ts).
if (process.env.VITEST) process.env.TZ = 'UTC'

export default defineConfig({
  root,
  // Element Plus components are imported where they are used (with their CSS), so each screen
  // loads only what it shows: less script for WebKit to parse and keep at first paint.
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false })],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    css: false,
    testTimeout: 30000,
    // Threads rather than processes, and one per core: Vitest's default keeps one core free,
    // which on a two-core machine ran the files one after another (75 s; 41 s with two threads).
    pool: 'threads',
    poolOptions: { threads: { minThreads: 1, maxThreads: Math.max(2, availableParallelism()) } },
    server: { deps: { inline: ['element-plus'] } },
  },
})
