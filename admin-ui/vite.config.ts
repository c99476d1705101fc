import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiProxy = { "/api": "http://127.0.0.1:3000" };

// Packages that change rarely get their own chunks, so a console release does not bust their cache.
// Every other package goes to "vendor": leaving shared helpers unassigned lets Rollup place them in
// one of these chunks and makes the chunks import each other in a cycle that breaks at start-up.
const vendorChunks: Array<[name: string, pattern: RegExp]> = [
  ["react", /node_modules\/(react|react-dom|react-router|scheduler)\//],
  ["antd", /node_modules\/antd\//],
  ["antd-deps", /node_modules\/(@ant-design(?!\/pro-)|@rc-component|rc-[\w-]+)\//],
  ["refine", /node_modules\/(@refinedev|@tanstack|@ant-design\/pro-[\w-]+|sunflower-antd)\//],
  ["vendor", /node_modules\//],
];

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Vendor chunks are split below; warn only when one of them passes 1 MB.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      output: {
        manualChunks: (id) => vendorChunks.find(([, pattern]) => pattern.test(id))?.[0],
      },
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
