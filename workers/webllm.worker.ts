/**
 * Hosts a WebLLM engine in a worker so model loading and generation never block the page.
 * web-llm has its own worker protocol (WebWorkerMLCEngineHandler), so this file does not use
 * Comlink; the main-thread side is `workers/webllm.ts`.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (msg: MessageEvent) => handler.onmessage(msg);
