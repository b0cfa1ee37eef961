/**
 * Node-only loader for voy-search (scripts and benchmarks run outside a bundler): voy has no
 * Node entry, so instantiate its wasm by hand and hand the exports to its JS glue.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { VoyModule } from './voy-index.ts';

let loaded: Promise<VoyModule> | undefined;

/**
 * Instantiates voy's wasm from node_modules once and returns the module. Do not mix with the
 * bundled loader in one module graph: the glue caches views of the first wasm memory.
 */
export function loadVoyNode(): Promise<VoyModule> {
  loaded ??= instantiate();
  return loaded;
}

async function instantiate(): Promise<VoyModule> {
  const require = createRequire(import.meta.url);
  const glueUrl = new URL(`file://${require.resolve('voy-search/voy_search_bg.js')}`);
  const glue = (await import(glueUrl.href)) as VoyModule & { __wbg_set_wasm(exports: WebAssembly.Exports): void };
  const wasmBytes = await readFile(new URL('voy_search_bg.wasm', glueUrl));
  const imports = { './voy_search_bg.js': glue as unknown as WebAssembly.ModuleImports };
  const { instance } = await WebAssembly.instantiate(wasmBytes, imports);
  glue.__wbg_set_wasm(instance.exports);
  return glue;
}
