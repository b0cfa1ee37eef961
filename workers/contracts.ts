/**
 * The typed contract of every Comlink worker, shared by the worker host (`exposeReady`) and its
 * main-thread proxy (`wrap`): both name the same entry, so they cannot drift apart.
 * (The WebLLM worker speaks web-llm's own protocol and is not listed.)
 */
import type { BenchApi } from '../src/bench/protocol.ts';
import type { ClientStoreHostApi } from '../src/core/clients/store-host.ts';
import type { EvalEngine } from '../src/core/eval/host.ts';
import type { PlaybookHostApi } from '../src/core/playbook/host.ts';
import type { RlhfTrainer } from '../src/core/rlhf/trainer.ts';

export interface WorkerContracts {
  clients: ClientStoreHostApi;
  playbook: PlaybookHostApi;
  eval: EvalEngine;
  rlhf: RlhfTrainer;
  bench: BenchApi;
}

export type WorkerName = keyof WorkerContracts;
