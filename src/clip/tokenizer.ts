/**
 * CLIP's text tokenizer: the byte-level BPE from `@huggingface/tokenizers`, plus what CLIP adds
 * around it: a start and an end token, a fixed context length (77 for OpenAI's models), and
 * truncation that keeps the end token last, because the text tower reads its embedding at the
 * end token's position (like the original `clip.tokenize(..., truncate=True)`).
 *
 * The special tokens come from the model's files (tokenizer_config.json, else the post-processor
 * of tokenizer.json), not from constants: OpenCLIP-style exports pad with a different token.
 */
import { Tokenizer } from '@huggingface/tokenizers';

export interface EncodedText {
  /** Start token, text tokens, end token; at most `contextLength` ids. */
  ids: number[];
  /** True when text tokens were dropped to fit the context length. */
  truncated: boolean;
}

export interface EncodedBatch {
  /** Row-major [batchSize, sequenceLength], padded with the pad token. */
  inputIds: BigInt64Array;
  batchSize: number;
  /** Longest sequence in this batch (not the context length): shorter rows mean less work. */
  sequenceLength: number;
  truncated: boolean[];
  /** Unpadded length of each row, start and end tokens included. */
  lengths: number[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** tokenizer_config.json spells a token as a string or as an AddedToken object `{content}`. */
function tokenContent(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.content === 'string') return value.content;
  return undefined;
}

/**
 * Start/end ids the post-processor would add: RobertaProcessing has `cls`/`sep` as [token, id];
 * TemplateProcessing lists its special tokens with their ids.
 */
function postProcessorIds(tokenizerJson: Json): { start?: number; end?: number } {
  const post = tokenizerJson.post_processor;
  if (!isObject(post)) return {};
  const pairId = (pair: unknown) => (Array.isArray(pair) && typeof pair[1] === 'number' ? pair[1] : undefined);
  if (post.type === 'RobertaProcessing' || post.type === 'BertProcessing') {
    return { start: pairId(post.cls), end: pairId(post.sep) };
  }
  if (post.type === 'TemplateProcessing' && Array.isArray(post.single) && isObject(post.special_tokens)) {
    const specials = post.special_tokens;
    const idOf = (item: unknown): number | undefined => {
      if (!isObject(item) || !isObject(item.SpecialToken) || typeof item.SpecialToken.id !== 'string') return undefined;
      const entry = specials[item.SpecialToken.id];
      return isObject(entry) && Array.isArray(entry.ids) && typeof entry.ids[0] === 'number' ? entry.ids[0] : undefined;
    };
    return { start: idOf(post.single[0]), end: idOf(post.single[post.single.length - 1]) };
  }
  return {};
}

/**
 * The regular expressions a tokenizer.json may make the tokenizer run. The file comes from the
 * network (any host a link names, with consent), and its patterns run on every label: a crafted
 * one can backtrack for minutes and freeze the worker. So only the patterns of the tokenizers this
 * app is made for are run: CLIP's (OpenAI CLIP, OpenCLIP and MobileCLIP exports share it) and
 * GPT-2's byte-level split; anything else makes the model an `invalid-model`.
 */
export const KNOWN_TOKENIZER_PATTERNS: readonly string[] = [
  // CLIP's normalizer: runs of whitespace become one space.
  '\\s+',
  // CLIP's pre-tokenizer split.
  "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
  // GPT-2's byte-level split (ByteLevel with use_regex, spelled out).
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
];

/** Every `{ "Regex": "..." }` outside the vocabulary (normalizer, pre-tokenizer, decoder...). */
function regexPatterns(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => regexPatterns(item, found));
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Regex') found.push(typeof item === 'string' ? item : JSON.stringify(item));
      else regexPatterns(item, found);
    }
  }
  return found;
}

/** Throws when tokenizer.json would make the tokenizer run a pattern that is not a known one. */
export function checkTokenizerPatterns(tokenizerJson: Json): void {
  // The vocabulary and merges (`model`) hold no patterns and are by far the largest part.
  const outsideVocabulary = Object.entries(tokenizerJson).filter(([key]) => key !== 'model');
  for (const pattern of regexPatterns(Object.fromEntries(outsideVocabulary))) {
    if (!KNOWN_TOKENIZER_PATTERNS.includes(pattern)) {
      const shown = pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern;
      throw new Error(`tokenizer.json uses the pattern ${JSON.stringify(shown)}, which is not one of the known CLIP tokenizer patterns this app runs`);
    }
  }
}

export class ClipTokenizer {
  private constructor(
    private readonly tokenizer: Tokenizer,
    readonly startId: number,
    readonly endId: number,
    readonly padId: number,
    readonly contextLength: number,
  ) {}

  /**
   * From the parsed `tokenizer.json` and (optionally) `tokenizer_config.json`. Merges may be
   * stored as pairs `["a","b"]` or as legacy strings `"a b"`; the library reads both.
   */
  static fromJson(tokenizerJson: object, tokenizerConfig: object = {}, contextLength = 77): ClipTokenizer {
    if (!isObject(tokenizerJson) || !isObject(tokenizerJson.model)) {
      throw new Error('tokenizer.json: expected an object with a "model" section');
    }
    if (!isObject(tokenizerConfig)) throw new Error('tokenizer_config.json: expected an object');
    checkTokenizerPatterns(tokenizerJson);
    if (!Number.isInteger(contextLength) || contextLength < 2) {
      throw new Error(`context length must be an integer of at least 2, got ${contextLength}`);
    }
    const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    const idOf = (key: string): number | undefined => {
      const content = tokenContent(tokenizerConfig[key]);
      return content === undefined ? undefined : tokenizer.token_to_id(content);
    };
    const fromPost = postProcessorIds(tokenizerJson);
    const startId = idOf('bos_token') ?? fromPost.start;
    const endId = idOf('eos_token') ?? fromPost.end;
    if (startId === undefined || endId === undefined) {
      throw new Error('tokenizer: cannot find the start/end tokens (bos_token/eos_token in tokenizer_config.json or the post_processor of tokenizer.json)');
    }
    // CLIP's original tokenizer pads with 0 after the end token; HF exports name a pad token.
    const padId = idOf('pad_token') ?? endId;
    return new ClipTokenizer(tokenizer, startId, endId, padId, contextLength);
  }

  /** Start token, text tokens, end token; truncated to the context length with the end token last. */
  encode(text: string): EncodedText {
    const body = this.tokenizer.encode(text, { add_special_tokens: false }).ids;
    const room = this.contextLength - 2;
    const truncated = body.length > room;
    const kept = truncated ? body.slice(0, room) : body;
    return { ids: [this.startId, ...kept, this.endId], truncated };
  }

  /** Encodes and pads to the longest row of this batch. */
  encodeBatch(texts: readonly string[]): EncodedBatch {
    return this.padBatch(texts.map((text) => this.encode(text)));
  }

  /** Pads already encoded texts to the longest row (exact for CLIP's causal text tower). */
  padBatch(encoded: readonly EncodedText[]): EncodedBatch {
    const lengths = encoded.map((e) => e.ids.length);
    const sequenceLength = lengths.reduce((max, n) => Math.max(max, n), 0);
    const inputIds = new BigInt64Array(encoded.length * sequenceLength).fill(BigInt(this.padId));
    encoded.forEach((e, row) => {
      e.ids.forEach((id, col) => {
        inputIds[row * sequenceLength + col] = BigInt(id);
      });
    });
    return { inputIds, batchSize: encoded.length, sequenceLength, truncated: encoded.map((e) => e.truncated), lengths };
  }
}
