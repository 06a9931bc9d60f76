/** "Update ready — Reload": shown when a new build waits, or when this build's files are gone. */
import { reloadIntoUpdate } from '../serviceWorker';
import { updateStore, useUpdateReady } from './updateStore';
import './update.css';

export function UpdatePrompt() {
  const ready = useUpdateReady();
  if (!ready) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>
        {ready === 'new-build'
          ? 'Update ready: a new version of the app is available.'
          : 'The app was updated on the server and part of this page could not be loaded.'}
      </span>
      <button type="button" className="primary" onClick={reloadIntoUpdate}>Reload</button>
      {ready === 'new-build' && (
        <button type="button" onClick={() => updateStore.setState({ ready: null })} aria-label="Dismiss the update notice">Later</button>
      )}
    </div>
  );
}
