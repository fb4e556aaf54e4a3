import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getAppClock } from './clock';
import { bridge } from './platform/bridge';

// Connect first: in the browser this also takes the host's token out of the address bar at once.
bridge();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App clock={getAppClock()} />
  </StrictMode>,
);
