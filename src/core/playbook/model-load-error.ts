/**
 * Turns a failure to load an embedding model into a typed error in plain words. transformers.js
 * reports a missing self-hosted file as a JSON parse error (a static host answers the missing
 * `config.json` with its HTML page), which means nothing to a rep.
 */
import { AppError, toAppError } from '../errors.ts';

export type ModelLoadReason = 'not-found' | 'unreachable' | 'runtime' | 'other';

const PATTERNS: [ModelLoadReason, RegExp][] = [
  ['not-found', /unexpected token\s*'?<|<!doctype|<html|is not valid json|json\.parse|could not locate file|\b404\b|not found/i],
  ['unreachable', /failed to fetch|networkerror|network error|fetch failed|load failed|enotfound|econnrefused|etimedout|offline|\bcors\b/i],
  ['runtime', /no available backend|webassembly|\bwasm\b|out of memory/i],
];

/** Which kind of failure a raw loader message describes. */
export function modelLoadReason(message: string): ModelLoadReason {
  return PATTERNS.find(([, re]) => re.test(message))?.[0] ?? 'other';
}

/**
 * A `model-unavailable` AppError saying in words why `modelId` could not be loaded from `source`
 * (e.g. "the folder /models/" or "the Hugging Face hub"); the raw message stays in `details`.
 */
export function modelLoadError(err: unknown, modelId: string, source: string): AppError {
  const raw = toAppError(err).message;
  const reason = modelLoadReason(raw);
  const message =
    reason === 'not-found'
      ? `The model files for ${modelId} were not found in ${source}. Check the model folder and the model id.`
      : reason === 'unreachable'
        ? `The model ${modelId} could not be downloaded from ${source}: there is no connection. Try again when online, or use a self-hosted folder.`
        : reason === 'runtime'
          ? `This browser could not start the model runtime for ${modelId}. Try another browser, or keep the built-in search.`
          : `The model ${modelId} could not be loaded from ${source}.`;
  return new AppError('model-unavailable', message, { modelId, reason, raw: raw.slice(0, 300) });
}
