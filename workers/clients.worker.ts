/** Worker host for the client database: loads sql.js with the bundled wasm and exposes the store. */
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { SqlClientStore } from '../src/core/clients/sql-client-store.ts';
import { hostClientStore } from '../src/core/clients/store-host.ts';
import { Comlink, exposeReady } from './rpc.ts';

const store = await SqlClientStore.create({ wasmUrl });
exposeReady('clients', hostClientStore(store, Comlink.transfer));
