/** On a plain-http page: what does not work, and how to get the https:// page that works. */
import { useState } from 'react';
import { browserFeatures, MISSING_TEXT, missingFeatures } from './insecureContext';
import './room.css';

const HIDDEN_KEY = 'clip-insecure-banner-hidden';

function hiddenThisSession(): boolean {
  try {
    return sessionStorage.getItem(HIDDEN_KEY) === '1';
  } catch {
    return false;
  }
}

export function InsecureBanner() {
  const [missing] = useState(() => missingFeatures(browserFeatures()));
  const [hidden, setHidden] = useState(hiddenThisSession);
  if (missing === null || hidden) return null;
  const hide = () => {
    try {
      sessionStorage.setItem(HIDDEN_KEY, '1');
    } catch {
      // no storage: hidden until the next reload only
    }
    setHidden(true);
  };
  return (
    <section className="insecure-banner" aria-labelledby="insecure-title" data-testid="insecure-banner">
      <h2 id="insecure-title">This page is not secure (http://), so your browser limits it</h2>
      <ul>
        {missing.map((feature) => (
          <li key={feature}>{MISSING_TEXT[feature]}</li>
        ))}
      </ul>
      <p>
        <strong>To fix it</strong>, open the <strong>https://</strong> address your lecturer shows (scan the QR code). The first time,
        the browser warns that the certificate is not trusted, because the lecturer’s laptop made it: choose “Advanced”, then
        “Proceed”. It asks only once.
      </p>
      <p className="hint">
        Lecturer: serve the app with <code>npm run classroom</code>, which serves https:// and prints the address and QR code.
      </p>
      <button type="button" onClick={hide}>
        Hide
      </button>
    </section>
  );
}
