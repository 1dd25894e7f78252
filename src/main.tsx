import { render } from 'solid-js/web';
import { startInstallOffer } from './app/install';
import { App } from './ui/App';
// The styles, by area, in cascade order (later files may refine earlier ones).
import './ui/styles/app.css';
import './ui/styles/conversation.css';
import './ui/styles/attachments.css';
import './ui/styles/rooms.css';
import './ui/styles/platform.css';
import './ui/styles/look.css';
import './ui/styles/acts.css';
import './ui/styles/search.css';
import './ui/styles/people.css';
import './ui/styles/support.css';
import './ui/styles/chats.css';

// Before anything renders: the browser's install offer comes once, early.
startInstallOffer();
const root = document.getElementById('app');
if (root) render(() => <App />, root);
