/**
 * `npm run data:model-fixture`: writes a tiny BERT-shaped feature-extraction model into
 * public/models/fixture/tiny-bert/ so the real transformers.js path can be tested offline.
 * The ONNX graph is Gather(embedding table, input_ids) × attention_mask → last_hidden_state;
 * the tokenizer is a small lower-casing WordPiece vocabulary.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import onnxProto, { type onnx as Onnx } from 'onnx-proto';

// onnx-proto is CommonJS without detectable named exports: take the namespace from the default export.
const { onnx } = onnxProto;

export const TINY_BERT_HIDDEN = 32;

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const WORDS = [
  'discount',
  'approval',
  'pricing',
  'price',
  'renewal',
  'gift',
  'trial',
  'payment',
  'terms',
  'net',
  'client',
  'sales',
  'manager',
  'vp',
  'tier',
  'gold',
  'silver',
  'bronze',
  'platinum',
  'spend',
  'travel',
  'retail',
  'finance',
  'electronics',
  'pitch',
  'policy',
  'the',
  'a',
  'of',
  'to',
  'and',
  'for',
  'what',
  'is',
  'on',
  'needs',
  '.',
  ',',
  '?',
  '%',
  '$',
  '0',
  '1',
  '2',
  '5',
  '6',
  '9',
];
const SUBWORDS = ['##s', '##ing', '##ed', '##al', '##0', '##1', '##2', '##5', '##6', '##9'];

export const TINY_BERT_VOCAB: readonly string[] = [...SPECIAL, ...WORDS, ...SUBWORDS];

/** Deterministic embedding table (mulberry32), row 0 ([PAD]) all zeros. */
function embeddingTable(rows: number, cols: number): Float32Array {
  let s = 20260101;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const out = new Float32Array(rows * cols);
  for (let i = cols; i < out.length; i++) out[i] = Math.round(rnd() * 2000) / 1000;
  return out;
}

function tensorInput(name: string, elemType: number, dims: (number | string)[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** The ONNX model bytes. */
export function buildTinyBertOnnx(): Uint8Array {
  const V = TINY_BERT_VOCAB.length;
  const H = TINY_BERT_HIDDEN;
  const table = embeddingTable(V, H);
  const graph: Onnx.IGraphProto = {
    name: 'tiny-bert',
    initializer: [
      { name: 'word_embeddings', dataType: onnx.TensorProto.DataType.FLOAT, dims: [V, H], rawData: new Uint8Array(table.buffer) },
      { name: 'unsqueeze_axes', dataType: onnx.TensorProto.DataType.INT64, dims: [1], int64Data: [2] },
    ],
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['embedded'], name: 'gather' },
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_f'],
        name: 'cast',
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }],
      },
      { opType: 'Unsqueeze', input: ['mask_f', 'unsqueeze_axes'], output: ['mask_3d'], name: 'unsqueeze' },
      { opType: 'Mul', input: ['embedded', 'mask_3d'], output: ['last_hidden_state'], name: 'mask' },
    ],
    input: [
      tensorInput('input_ids', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']),
      tensorInput('attention_mask', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']),
    ],
    output: [tensorInput('last_hidden_state', onnx.TensorProto.DataType.FLOAT, ['batch', 'sequence', H])],
  };
  const model: Onnx.IModelProto = {
    irVersion: 7,
    producerName: 'crm-sales-copilot make-model-fixture',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** config.json, tokenizer.json and tokenizer_config.json contents. */
export function buildTinyBertJson(): Record<string, unknown> {
  const vocab = Object.fromEntries(TINY_BERT_VOCAB.map((t, i) => [t, i]));
  const special = (content: string) => ({
    id: vocab[content],
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  return {
    'config.json': {
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: TINY_BERT_HIDDEN,
      vocab_size: TINY_BERT_VOCAB.length,
      num_attention_heads: 1,
      num_hidden_layers: 1,
      intermediate_size: TINY_BERT_HIDDEN,
      max_position_embeddings: 512,
      type_vocab_size: 2,
      pad_token_id: 0,
    },
    'tokenizer.json': tokenizer,
    'tokenizer_config.json': {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
      clean_up_tokenization_spaces: true,
    },
  };
}

async function main(): Promise<void> {
  const dir = new URL('../public/models/fixture/tiny-bert/', import.meta.url);
  await mkdir(new URL('onnx/', dir), { recursive: true });
  for (const [name, value] of Object.entries(buildTinyBertJson())) {
    await writeFile(new URL(name, dir), `${JSON.stringify(value, null, 2)}\n`);
  }
  const model = buildTinyBertOnnx();
  // The browser reads model_quantized.onnx by default; the fixture is tiny, so it is the same fp32 graph.
  await writeFile(new URL('onnx/model.onnx', dir), model);
  await writeFile(new URL('onnx/model_quantized.onnx', dir), model);
  console.log(`public/models/fixture/tiny-bert: vocab ${TINY_BERT_VOCAB.length}, hidden ${TINY_BERT_HIDDEN}, onnx ${model.length} bytes`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
