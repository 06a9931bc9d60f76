/**
 * The first visit's explanation: what CLIP is, how it classifies (a diagram the app draws), what
 * the percentages mean, and samples to try. Open until dismissed; the header's "What is CLIP?"
 * brings it back.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { useGalleryStore, useUiStore } from '../state';
import { PHONE_LAYOUT, useMediaQuery } from '../components/useMediaQuery';
import { ClipDiagram } from './ClipDiagram';
import { intro } from './introStore';
import { Samples } from './Samples';
import './learn.css';

/**
 * Whether the panel shows: open (never dismissed, or asked for again), and, where the screen is
 * needed for the results, only when asked for: on the projector (the page never scrolls), and on a
 * phone once there are results (they come first).
 */
function useIntroVisible(): { visible: boolean; hasImages: boolean; presenting: boolean; requested: boolean } {
  const open = useStore(intro, (s) => s.open);
  const requested = useStore(intro, (s) => s.requested);
  const presenting = useUiStore((s) => s.presenting);
  const hasImages = useGalleryStore((s) => s.items.length > 0);
  const phone = useMediaQuery(PHONE_LAYOUT);
  const visible = open && (requested || !(presenting || (phone && hasImages)));
  return { visible, hasImages, presenting, requested };
}

export function WhatIsClip() {
  const { visible, hasImages, presenting, requested } = useIntroVisible();
  // Once there are results, the panel folds to its title and the samples, so the results are on
  // the first screen; it can be unfolded again, and shows whole when asked for.
  // null: as it comes (folded once there are results, whole when asked for); else the user's choice.
  const [unfolded, setUnfolded] = useState<boolean | null>(null);
  if (!visible) return null;
  const folded = hasImages && !presenting && !(unfolded ?? requested);
  return (
    <section className={`what-is-clip${folded ? ' folded' : ''}`} aria-labelledby="what-is-clip-title" data-testid="what-is-clip">
      <div className="what-is-clip-head">
        <h2 id="what-is-clip-title">What is CLIP?</h2>
        {hasImages && (
          <button type="button" aria-expanded={!folded} onClick={() => setUnfolded(folded)}>
            {folded ? 'Show the explanation' : 'Fold'}
          </button>
        )}
        <button type="button" onClick={() => intro.getState().dismiss()}>
          Got it, hide this
        </button>
      </div>
      {!folded && <Explanation />}
      <Samples />
    </section>
  );
}

function Explanation() {
  return (
    <>
      <div className="what-is-clip-text">
        <p>
          CLIP (OpenAI, 2021) learned what pictures show from 400 million images found on the web together with their
          captions, with no hand-made labels. It has two parts: an <strong>image encoder</strong> that turns a picture into a
          list of numbers (a vector), and a <strong>text encoder</strong> that turns a sentence into a vector in the{' '}
          <strong>same space</strong>. Training pulled each image’s vector towards its own caption’s, and away from the
          other captions.
        </p>
        <p>
          So any labels you type become a classifier, with no training: each label is put in a sentence (“a photo of a
          cat.”), encoded, and compared with the image. The label whose vector points most nearly the same way as the
          image’s wins. This is <strong>zero-shot</strong> classification.
        </p>
      </div>
      <ClipDiagram />
      <p className="percentages-note" data-testid="percentages-note">
        <strong>What the percentages mean:</strong> they compare only the labels you typed, and always add up to 100%. They say
        which of your labels fits best, not whether any fits: one label alone always gets 100%, and a photo of a coffee cup
        still gets a winner among “cat”, “dog” and “car”. Add a label that fits, and watch it take over.
      </p>
    </>
  );
}

/** The header button that opens the panel again. */
export function WhatIsClipButton() {
  const { visible } = useIntroVisible();
  return (
    <button type="button" aria-pressed={visible} onClick={() => (visible ? intro.getState().dismiss() : intro.getState().show())}>
      What is CLIP?
    </button>
  );
}

/** The samples in the empty gallery, once the panel (which has them too) is closed. */
export function SamplesWhenIntroClosed() {
  const open = useStore(intro, (s) => s.open);
  return open ? null : <Samples />;
}
