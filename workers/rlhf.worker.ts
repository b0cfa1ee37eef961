/** Worker host for RLHF training: exposes the in-process trainer with the built-in embedder. */
import { BuiltinEmbedder } from '../src/core/playbook/builtin-embedder.ts';
import { InProcessTrainer } from '../src/core/rlhf/trainer.ts';
import { exposeReady } from './rpc.ts';

exposeReady(new InProcessTrainer(new BuiltinEmbedder()));
