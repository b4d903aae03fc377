// A developer's page entry, bundled by esbuild from the installed tarball.
import { configureCore, defineElements } from 'sharelock';

// The core's two files are served from /core/ (copied from sharelock/core
// and sharelock/wasm), not next to this bundle.
configureCore({ moduleUrl: '/core/sharelock-core.wasm' });
defineElements();
document.addEventListener('sharelock:share', (event) => {
  document.body.dataset.shared = event.detail.network;
});
