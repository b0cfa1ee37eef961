import { describe, expect, it } from 'vitest';
import { modelLoadError, modelLoadReason } from './model-load-error.ts';

describe('modelLoadError', () => {
  it('turns the HTML-instead-of-JSON parse error into "not found" words', () => {
    const raw = new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`);
    const err = modelLoadError(raw, 'tiny-bert', 'the folder /models/');
    expect(err.code).toBe('model-unavailable');
    expect(err.details?.reason).toBe('not-found');
    expect(err.message).toBe('The model files for tiny-bert were not found in the folder /models/. Check the model folder and the model id.');
    expect(err.message).not.toMatch(/token|JSON|doctype/i);
  });

  it('recognises network and runtime failures', () => {
    expect(modelLoadReason('TypeError: Failed to fetch')).toBe('unreachable');
    expect(modelLoadReason('fetch failed')).toBe('unreachable');
    expect(modelLoadReason('no available backend found. ERR: [wasm] ...')).toBe('runtime');
    expect(modelLoadReason('Could not locate file: "https://huggingface.co/x/resolve/main/onnx/model.onnx".')).toBe('not-found');
    expect(modelLoadReason('something odd')).toBe('other');
  });

  it('keeps the raw message for Advanced details', () => {
    expect(modelLoadError(new Error('boom'), 'm', 'the hub').details?.raw).toBe('boom');
  });
});
