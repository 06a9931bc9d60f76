/**
 * The pixels the image encoder receives for one image, from the worker's own preprocessing
 * (`preprocessImages`, the path `encodeImages` takes), again whenever the model or the fit changes.
 */
import { useEffect, useState } from 'react';
import type { PreprocessorConfig } from '../../clip';
import { ClipError, isCancelled } from '../../../workers/errors';
import { clipClient, useModelStore } from '../state';

export type ModelInput =
  | { status: 'loading' }
  | { status: 'ready'; pixels: Float32Array; width: number; height: number; preprocessor: PreprocessorConfig }
  | { status: 'error'; message: string };

export function useModelInput(name: string, blob: Blob): ModelInput {
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const preprocessor = useModelStore((s) => s.active?.model.preprocessor ?? null);
  // Kept with the generation it was made for: an older one shows as loading until the new one comes.
  const [made, setMade] = useState<{ generation: number; input: ModelInput } | null>(null);

  useEffect(() => {
    if (generation === null || !preprocessor) return;
    const controller = new AbortController();
    const done = (input: ModelInput) => !controller.signal.aborted && setMade({ generation, input });
    clipClient.preprocessImages([{ name, blob }], { signal: controller.signal }).then(
      ([result]) => {
        if (!result) return;
        done(result.ok ? { status: 'ready', pixels: result.pixels, width: result.dims[2], height: result.dims[1], preprocessor } : { status: 'error', message: result.error.message });
      },
      (error: unknown) => {
        if (!isCancelled(error)) done({ status: 'error', message: ClipError.from(error).message });
      },
    );
    return () => controller.abort();
  }, [name, blob, generation, preprocessor]);

  if (generation === null) return { status: 'error', message: 'No model is loaded yet.' };
  return made?.generation === generation ? made.input : { status: 'loading' };
}
