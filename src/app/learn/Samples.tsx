/** "Try a sample": pictures that fit the model in use, added to the gallery in one click. */
import { useState } from 'react';
import { appState, useModelStore } from '../state';
import { drawSample } from './drawSample';
import { sampleImage, samplesFor, sampleUrl, type PhotoSample, type Sample } from './samples';
import { SHAPE_COLOURS, SHAPE_PATHS } from './shapes';
import './learn.css';

async function fetchSample(sample: PhotoSample): Promise<File> {
  const url = sampleUrl(sample, new URL(import.meta.env.BASE_URL, location.href).href);
  let response: Response;
  try {
    // Any copy the browser kept will do: the samples never change.
    response = await fetch(url, { cache: 'force-cache' });
  } catch {
    throw new Error(`The sample “${sample.title}” could not be downloaded (offline?). Drop a photo of your own instead.`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.startsWith('image/')) throw new Error(`The sample “${sample.title}” is missing from this server (HTTP ${response.status}).`);
  return new File([await response.blob()], sample.file, { type });
}

function Thumbnail({ sample }: { sample: Sample }) {
  if (sample.kind === 'drawn') {
    return (
      <svg viewBox="-1.25 -1.25 2.5 2.5" className="sample-thumb" aria-hidden="true">
        <path d={SHAPE_PATHS[sample.shape]} fill={SHAPE_COLOURS[sample.colour]} />
      </svg>
    );
  }
  return <img src={sampleUrl(sample, new URL(import.meta.env.BASE_URL, location.href).href)} alt="" className="sample-thumb" loading="lazy" />;
}

export function Samples() {
  const modelId = useModelStore((s) => (s.active ?? s.pending)?.request.source.id ?? appState.initialRequest.source.id);
  const [adding, setAdding] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const samples = samplesFor(modelId);

  const add = async (sample: Sample) => {
    setAdding(sample.title);
    setError(null);
    try {
      const file = sample.kind === 'drawn' ? await drawSample(sample.shape, sample.colour) : await fetchSample(sample);
      appState.ui.getState().setView('images');
      const added = appState.gallery.getState().addImages([sampleImage(sample, file)]);
      // Show where it went: the gallery is below the panel (far below on a phone).
      requestAnimationFrame(() => document.querySelector('.gallery')?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
      await added;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setAdding(null);
    }
  };

  return (
    <div className="samples">
      <div className="sample-buttons" role="group" aria-label="Try a sample">
        <span className="samples-title">Try a sample:</span>
        {samples.map((sample) => (
          <button key={sample.title} type="button" disabled={adding !== null} aria-label={`Try a sample: ${sample.title}`} onClick={() => void add(sample)}>
            <Thumbnail sample={sample} />
            {sample.title}
          </button>
        ))}
      </div>
      {error && <p className="warning" role="alert">{error}</p>}
    </div>
  );
}
