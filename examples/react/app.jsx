// React 19 with Sharelock's custom elements: attributes from state, the
// widgets' sharelock:* events into state, rerenders that leave the
// elements alone. React 19 passes `on<event>` props on custom elements to
// addEventListener, so `onsharelock:share` listens to "sharelock:share".
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { configureCore, defineElements } from 'sharelock';

// Where this page serves the core's two files (see docs/install.md).
configureCore({ moduleUrl: document.querySelector('meta[name="sharelock-core"]').content });
defineElements();

const NETWORK_CHOICES = ['x,email', 'bluesky,whatsapp,copy', 'x,myspace'];
// A deadline a few seconds away, so the page shows sharelock:expire arriving.
const ENDS = new Date(Date.now() + 3000).toISOString();

function App() {
  const [networks, setNetworks] = useState(NETWORK_CHOICES[0]);
  const [text, setText] = useState('Found this in a React shop');
  const [shares, setShares] = useState([]);
  const [problems, setProblems] = useState([]);
  const [expired, setExpired] = useState(null);
  const [renders, setRenders] = useState(0);

  return (
    <main>
      <h1>Sharelock in React {'19'}</h1>
      <p>
        <label htmlFor="networks">Networks</label>{' '}
        <select id="networks" value={networks} onChange={(event) => setNetworks(event.target.value)}>
          {NETWORK_CHOICES.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
        </select>
      </p>
      <p>
        <label htmlFor="text">Post text</label>{' '}
        <input id="text" value={text} onChange={(event) => setText(event.target.value)} />
      </p>
      <p><button type="button" id="rerender" onClick={() => setRenders((n) => n + 1)}>Render again ({renders})</button></p>

      <sharelock-share
        id="bar"
        networks={networks}
        text={text}
        url="https://shop.example/react"
        onsharelock:share={(event) => setShares((list) => [...list, event.detail.network])}
        onsharelock:error={(event) => setProblems((list) => [...list, `${event.detail.code} (${event.detail.attribute})`])}
      />
      <sharelock-countdown
        id="clock"
        ends={ENDS}
        format="compact"
        onsharelock:expire={(event) => setExpired(event.detail.action)}
      />

      <h2>Seen by React</h2>
      <dl>
        <dt>Shares</dt><dd id="shares">{shares.join(', ') || 'none'}</dd>
        <dt>Errors</dt><dd id="problems">{problems.join(', ') || 'none'}</dd>
        <dt>Countdown</dt><dd id="expired">{expired ? `ended (${expired})` : 'running'}</dd>
      </dl>
    </main>
  );
}

createRoot(document.getElementById('root')).render(<App />);
