// vanilla-sharing as its README shows it from a CDN: the page makes its own
// buttons and calls VanillaSharing.<network>({url, …}) on click (the
// library only builds intent URLs and opens the popup).
const share = {
  x: (d) => VanillaSharing.tw({ url: d.url, title: d.title }),
  facebook: (d) => VanillaSharing.fbButton({ url: d.url }),
  linkedin: (d) => VanillaSharing.linkedin({ url: d.url, title: d.title }),
  whatsapp: (d) => VanillaSharing.whatsapp({ url: d.url, title: d.title }),
  telegram: (d) => VanillaSharing.telegram({ url: d.url, title: d.title }),
  email: (d) => VanillaSharing.email({ url: d.url, title: d.title }),
};
for (const bar of document.querySelectorAll('.vs-bar')) {
  for (const button of bar.querySelectorAll('button[data-network]')) {
    button.addEventListener('click', () => share[button.dataset.network](bar.dataset));
  }
}
// For the benchmark's probe: the click handlers are attached.
window.dispatchEvent(new Event('bench:setup'));
