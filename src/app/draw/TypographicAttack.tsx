/**
 * The typographic attack, explained next to the pad: write a word over a picture with the text
 * tool and watch the label follow the word. Whether it works depends on the model having learned
 * to read: CLIP did, from its 400 million captioned web images; the bundled shapes model never saw
 * a letter, and the view says so instead of pretending.
 */
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';
import { useModelStore } from '../state';
import { padStore } from './padState';

export function TypographicAttack({ headingId }: { headingId: string }) {
  const modelId = useModelStore((s) => s.active?.model.source.id ?? null);
  const start = () => {
    const { setTool, setColour, setSize } = padStore.getState();
    setTool('text');
    setColour('#111111');
    setSize('l');
    // The word field appears with the text tool, on the next render.
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.text-tool input')?.focus());
  };
  return (
    <section className="typographic" aria-labelledby={headingId}>
      <h3 id={headingId}>Typographic attack</h3>
      <ol>
        <li>Put a picture on the pad: “Draw on a photo…”, or a gallery picture (an apple, a dog…).</li>
        <li>
          Choose the <strong>Text</strong> tool, type a word that names another class (“iPod”, “pizza”), and tap the picture.
        </li>
        <li>Watch the live labels: the word can outvote what the picture shows.</li>
      </ol>
      <p>
        CLIP learned from images paired with the text around them on the web, and much of that text is also <em>in</em> the images:
        signs, labels, captions. So it learned to read. Radford et al. (2021) measured this as strong zero-shot OCR; Goh et al. (2021,
        “Multimodal neurons in artificial neural networks”) found neurons that fire for a concept whether it is shown or written, and
        that a handwritten “iPod” note on an apple makes CLIP call it an iPod: a <em>typographic attack</em>. The same reading that
        helps it generalise lets a word written on an object override the object.
      </p>
      {modelId === BUNDLED_MODEL_ID && (
        <p className="notice" role="note">
          The bundled shapes model was trained only on coloured shapes and has never seen a letter: it cannot read, so words change its
          answer only through their colour and strokes. Load CLIP ViT-B/32 (model picker, above) to see the attack work.
        </p>
      )}
      <button type="button" onClick={start}>
        Use the text tool
      </button>
    </section>
  );
}
