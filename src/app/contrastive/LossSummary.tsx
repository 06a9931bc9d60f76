/** The batch's loss in both directions and their mean (CLIP's training loss), against chance. */
import { chanceLoss } from '../../clip';
import { formatLoss, type ContrastiveTable } from './matrix';

export function LossSummary({ table, shuffled }: { table: ContrastiveTable; shuffled: boolean }) {
  const { loss, n } = table;
  const chance = chanceLoss(n);
  return (
    <div className="loss-summary" aria-live="polite">
      <dl>
        <div>
          <dt>Image → text loss</dt>
          <dd data-testid="loss-image-to-text" data-value={loss.imageToText}>{formatLoss(loss.imageToText)}</dd>
        </div>
        <div>
          <dt>Text → image loss</dt>
          <dd data-testid="loss-text-to-image" data-value={loss.textToImage}>{formatLoss(loss.textToImage)}</dd>
        </div>
        <div className="symmetric">
          <dt>Symmetric loss (CLIP’s training loss)</dt>
          <dd data-testid="loss-symmetric" data-value={loss.symmetric}>{formatLoss(loss.symmetric)}</dd>
        </div>
        <div>
          <dt>Chance (ln N)</dt>
          <dd data-testid="loss-chance">{formatLoss(chance)}</dd>
        </div>
      </dl>
      <p className="hint">
        {n === 1
          ? 'With a single pair there is nothing to contrast it with: its caption wins with probability 1 and the loss is 0. Add images to see the objective at work.'
          : shuffled
            ? 'The captions are shuffled: the diagonal now pairs images with other images’ captions, so the loss rises. Sort puts the true pairs back.'
            : `Mean of the row and column cross-entropies, each −log of the diagonal’s probability. A model that learned nothing would score ln ${n} = ${formatLoss(chance)}.`}
      </p>
    </div>
  );
}
