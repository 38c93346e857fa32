import { createRoot } from 'react-dom/client';
import { App } from './app/app';

// Entry point of the dashboard, served by the Liaison server at `/`.
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
