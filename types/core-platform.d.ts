/**
 * Platform APIs that browsers, workers and Node all have but TypeScript types only in its DOM
 * library: declared here for `tsconfig.core.json`, which checks `src/core` without DOM types so
 * core code cannot reach for `document`, `window` or worker globals. Only what core uses.
 */
declare namespace WebAssembly {
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  var Memory: { prototype: Memory; new (descriptor: { initial: number; maximum?: number }): Memory };
  // biome-ignore lint/suspicious/noEmptyInterface: an interface, so the value `Module` below keeps its namespace member.
  interface Module {}
  var Module: { prototype: Module; new (bytes: BufferSource): Module };
  type ExportValue = unknown;
  type Exports = Record<string, ExportValue>;
  type ModuleImports = Record<string, unknown>;
  type Imports = Record<string, ModuleImports>;
  interface Instance {
    readonly exports: Exports;
  }
  var Instance: { prototype: Instance; new (module: Module, imports?: Imports): Instance };
  function validate(bytes: BufferSource): boolean;
  function instantiate(bytes: BufferSource, imports?: Imports): Promise<{ module: Module; instance: Instance }>;
}

/** What may be moved (not copied) across a worker boundary; core only transfers buffers. */
type Transferable = ArrayBufferLike;

/** Immutable binary data; cloned to workers and IndexedDB by reference, not byte by byte. */
interface Blob {
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
declare var Blob: { prototype: Blob; new (parts?: (ArrayBuffer | ArrayBufferView | Blob | string)[], options?: { type?: string }): Blob };
