/**
 * `npm run ask`: answers questions with the same agent graph as the app, from the command line.
 * With --json each answer is exactly one line of AnswerRecord JSON on stdout; logs go to stderr
 * only with DEBUG=1.
 */
import { readFile } from 'node:fs/promises';
import { createCopilot, type Copilot } from '../src/core/agents/copilot.ts';
import type { AnswerRecord } from '../src/core/agents/types.ts';
import { toAppError } from '../src/core/errors.ts';
import { OpenAICompatibleProvider } from '../src/core/providers/openai.ts';
import { ASK_USAGE, UsageError, batchQuestions, parseAskArgs, type AskArgs } from './lib/ask-args.ts';
import { loadDemoWorkspace, type DemoWorkspace } from './lib/workspace.ts';

const DEBUG = process.env.DEBUG === '1';
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Library chatter (pdf.js warnings...) must never reach stdout, where JSON lines go. */
function quietConsole(): void {
  const toStderr = (...parts: unknown[]) => (DEBUG ? err(parts.map(String).join(' ')) : undefined);
  console.log = toStderr;
  console.info = toStderr;
  console.warn = toStderr;
  console.debug = toStderr;
}

function buildCopilot(args: AskArgs, ws: DemoWorkspace): Copilot {
  const base = { clients: ws.clients, playbook: ws.playbook, tools: ws.tools };
  if (args.provider === 'openai') {
    const apiKey = process.env.OPENAI_API_KEY ?? '';
    if (!apiKey && !process.env.OPENAI_BASE_URL) throw new UsageError('--provider openai needs OPENAI_API_KEY (and optionally OPENAI_BASE_URL, MODEL_NAME)');
    const openai = new OpenAICompatibleProvider({ apiKey, baseUrl: process.env.OPENAI_BASE_URL, model: process.env.MODEL_NAME });
    return createCopilot({ ...base, crm: openai, reviewer: openai });
  }
  return createCopilot(base);
}

function human(r: AnswerRecord): string {
  const lines = [r.answer, ''];
  if (r.notice) lines.push(`Note: ${r.notice}`);
  if (r.citations.length) {
    lines.push('Sources:');
    for (const c of r.citations) lines.push(`  - ${c.kind === 'client' ? `client ${c.source}` : `${c.source}${c.page ? ` p. ${c.page}` : ''}${c.heading ? ` (${c.heading})` : ''}`}`);
  }
  const tools = r.tool_calls.map((t) => t.name).join(', ') || 'none';
  const verdict = r.reflections[r.reflections.length - 1]?.verdict ?? 'n/a';
  lines.push(`(${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, reflection ${verdict}, tools: ${tools}, ${r.ms} ms, provider ${r.provider ?? '?'})`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let args: AskArgs;
  try {
    args = parseAskArgs(process.argv.slice(2));
  } catch (e) {
    err(`ask: ${e instanceof Error ? e.message : 'bad arguments'}\n\n${ASK_USAGE}`);
    return 2;
  }
  if (args.help) {
    out(ASK_USAGE);
    return 0;
  }
  if (args.provider === 'webllm') {
    err('ask: the webllm provider needs WebGPU in a browser. Use it from the app, or run with --provider builtin or --provider openai.');
    return 2;
  }
  quietConsole();
  const questions = args.batch ? batchQuestions(await readFile(args.batch, 'utf8')) : [args.question ?? ''];
  const ws = await loadDemoWorkspace();
  let copilot: Copilot;
  try {
    copilot = buildCopilot(args, ws);
  } catch (e) {
    err(`ask: ${e instanceof Error ? e.message : 'bad configuration'}`);
    return 2;
  }
  let failures = 0;
  for (const question of questions) {
    try {
      const record = await copilot.answer(question, {
        onEvent: DEBUG ? (e) => e.type !== 'token' && err(`[event] ${JSON.stringify(e)}`) : undefined,
      });
      out(args.json ? JSON.stringify(record) : `${questions.length > 1 ? `## ${question}\n\n` : ''}${human(record)}${questions.length > 1 ? '\n' : ''}`);
    } catch (e) {
      failures += 1;
      const appErr = toAppError(e);
      if (args.json) out(JSON.stringify({ question, error: { code: appErr.code, message: appErr.message } }));
      else err(`ask: "${question}" failed (${appErr.code}): ${appErr.message}`);
    }
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const appErr = toAppError(e);
    err(`ask: ${appErr.code}: ${appErr.message}`);
    process.exit(1);
  },
);
