import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { exposeDebugHandle } from './debugHandle';
import { registerServiceWorker } from './serviceWorker';
import { startApp } from './state';
import './styles.css';

exposeDebugHandle();
registerServiceWorker();
startApp();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
