/**
 * The UI's entry: connect to the studio (IPC inside Electron, WebSocket in
 * browser mode), make the store, remember the engine's media requests from the
 * first moment (the program runtime is made later, by React), and render the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { rememberMediaRequests } from './app/program/media-requests';
import { createStudioStore } from './app/studio-store';
import { StudioContext } from './app/studio-context';
import { api, connectStudio } from './bridge';

const client = connectStudio();
const value = { api: api(client), store: createStudioStore(client), client, mediaRequests: rememberMediaRequests(client) };
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StudioContext.Provider value={value}>
      <App />
    </StudioContext.Provider>
  </StrictMode>,
);
