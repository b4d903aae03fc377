// flipdown as its README shows it for several instances:
// new FlipDown(unixSeconds, elementId).start() (default dark theme).
for (const element of document.querySelectorAll('.bench-item')) {
  new FlipDown(Math.floor(Number(element.dataset.deadline) / 1000), element.id).start();
}
