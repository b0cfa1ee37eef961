/** Worker host for RLHF training: exposes the in-process trainer with the built-in embedder and rule checks. */
import { BuiltinReflector } from '../src/core/agents/builtin/index.ts';
import { BuiltinEmbedder } from '../src/core/playbook/builtin-embedder.ts';
import { InProcessTrainer } from '../src/core/rlhf/trainer.ts';
import { exposeReady } from './rpc.ts';

exposeReady(new InProcessTrainer(new BuiltinEmbedder(), new BuiltinReflector()));
