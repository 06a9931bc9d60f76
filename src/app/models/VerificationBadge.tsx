/**
 * What was checked when the model in use was loaded, as the worker saw it (not what the catalog
 * promises): "6 of 6 files checked by SHA-256", or "not verified", with the files in a tooltip.
 */
import type { LoadedModel } from '../../../workers/api';
import { describeVerification } from '../../../workers/verification';

export function VerificationBadge({ model }: { model: LoadedModel }) {
  const { checked, unchecked } = model.verification;
  const verified = checked.length > 0;
  const title = [
    checked.length > 0 ? `Checked by size and SHA-256: ${checked.join(', ')}` : '',
    unchecked.length > 0 ? `Not checked (no pinned hash for this model or revision): ${unchecked.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span className={verified && unchecked.length === 0 ? 'verification verified' : 'verification unverified'} data-testid="verification" title={title}>
      {verified ? '✓' : '⚠'} {describeVerification(model.verification)}
    </span>
  );
}
