/** Why a share link would not work for the room, and what to do instead. */
import type { ShareTarget } from './shareTarget';

export function ShareWarning({ target }: { target: ShareTarget }) {
  if (target.warning === 'localhost') {
    return (
      <p className="warning" role="alert" data-testid="share-warning">
        This link points at this computer (localhost): on students’ devices it opens nothing. Serve the app to the room with{' '}
        <code>npm run classroom</code> and open the https:// address it prints, or share the address of a public copy.
      </p>
    );
  }
  if (target.warning === 'insecure') {
    return (
      <p className="warning" role="alert" data-testid="share-warning">
        This is a plain http:// link: browsers give such pages no camera, no offline copy and no model cache, and run the model
        more slowly. Serve the app over https (<code>npm run classroom</code>) and share that address.
      </p>
    );
  }
  if (target.fromClassroom) return <p className="hint">The room’s address, from the classroom server: other devices can open it.</p>;
  return null;
}
