import { render } from 'solid-js/web';
import { startInstallOffer } from './app/install';
import { App } from './ui/App';
import './ui/styles.css';

// Before anything renders: the browser's install offer comes once, early.
startInstallOffer();
const root = document.getElementById('app');
if (root) render(() => <App />, root);
