// Vue 3 with Sharelock's custom elements, written with render functions
// (a template compiled in the browser would need 'unsafe-eval', which the
// strict CSP these pages run under forbids). Vue sets attributes on custom
// elements and listens to `onSharelock:share` as "sharelock:share". With
// templates compiled at build time, say the tags are custom elements:
//   compilerOptions: { isCustomElement: (tag) => tag.startsWith('sharelock-') }
// and write <sharelock-share :networks="networks" @sharelock:share="onShare">.
import { createApp, h, ref } from 'vue';
import { configureCore, defineElements } from 'sharelock';

configureCore({ moduleUrl: document.querySelector('meta[name="sharelock-core"]').content });
defineElements();

const NETWORK_CHOICES = ['x,email', 'bluesky,whatsapp,copy', 'x,myspace'];
const ENDS = new Date(Date.now() + 3000).toISOString();

const App = {
  setup() {
    const networks = ref(NETWORK_CHOICES[0]);
    const text = ref('Found this in a Vue shop');
    const shares = ref([]);
    const problems = ref([]);
    const expired = ref(null);
    const renders = ref(0);

    return () => h('main', [
      h('h1', 'Sharelock in Vue 3'),
      h('p', [
        h('label', { for: 'networks' }, 'Networks'), ' ',
        h('select', {
          id: 'networks',
          value: networks.value,
          onChange: (event) => { networks.value = event.target.value; },
        }, NETWORK_CHOICES.map((choice) => h('option', { value: choice, selected: choice === networks.value }, choice))),
      ]),
      h('p', [
        h('label', { for: 'text' }, 'Post text'), ' ',
        h('input', { id: 'text', value: text.value, onInput: (event) => { text.value = event.target.value; } }),
      ]),
      h('p', [h('button', { type: 'button', id: 'rerender', onClick: () => { renders.value += 1; } }, `Render again (${renders.value})`)]),

      h('sharelock-share', {
        id: 'bar',
        networks: networks.value,
        text: text.value,
        url: 'https://shop.example/vue',
        'onSharelock:share': (event) => { shares.value = [...shares.value, event.detail.network]; },
        'onSharelock:error': (event) => { problems.value = [...problems.value, `${event.detail.code} (${event.detail.attribute})`]; },
      }),
      h('sharelock-countdown', {
        id: 'clock',
        ends: ENDS,
        format: 'compact',
        'onSharelock:expire': (event) => { expired.value = event.detail.action; },
      }),

      h('h2', 'Seen by Vue'),
      h('dl', [
        h('dt', 'Shares'), h('dd', { id: 'shares' }, shares.value.join(', ') || 'none'),
        h('dt', 'Errors'), h('dd', { id: 'problems' }, problems.value.join(', ') || 'none'),
        h('dt', 'Countdown'), h('dd', { id: 'expired' }, expired.value ? `ended (${expired.value})` : 'running'),
      ]),
    ]);
  },
};

createApp(App).mount('#root');
