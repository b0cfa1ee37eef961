/** Asking an LLM judge (any ChatProvider) for JSON and validating the reply with zod. */
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import type { ChatProvider } from '../providers/types.ts';

/** Pulls the first JSON object out of a reply (models sometimes wrap it in prose or fences). */
export function extractJson(text: string): unknown {
  const trimmed = text.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  try {
    return JSON.parse(trimmed);
  } catch {
    const start = trimmed.indexOf('{');
    const end = trimmed.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        return JSON.parse(trimmed.slice(start, end + 1));
      } catch {
        // fall through to the typed error below
      }
    }
    throw new AppError('provider-bad-response', 'The judge did not reply with JSON.');
  }
}

/**
 * Sends one instruction + input to the judge with `response_format: json_object` and parses
 * the reply against `schema`; one retry on a malformed reply, then AppError('provider-bad-response').
 */
export async function askJudge<S extends z.ZodType>(
  judge: ChatProvider,
  instruction: string,
  input: Record<string, unknown>,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  let lastIssue = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    if (signal?.aborted) throw new AppError('cancelled', 'Evaluation cancelled.');
    const res = await judge.chat({
      messages: [
        { role: 'system', content: `${instruction}\nReply with a single JSON object only.` },
        { role: 'user', content: JSON.stringify(input, null, 2) },
      ],
      response_format: { type: 'json_object' },
      temperature: 0,
      signal,
    });
    try {
      const parsed = schema.safeParse(extractJson(res.message.content ?? ''));
      if (parsed.success) return parsed.data;
      lastIssue = parsed.error.issues[0]?.message ?? 'invalid shape';
    } catch (err) {
      lastIssue = err instanceof Error ? err.message : 'invalid JSON';
    }
  }
  throw new AppError('provider-bad-response', `The judge's reply had the wrong shape: ${lastIssue}`);
}
