// simplycountdown.js as its README shows it: simplyCountdown(element, {year,
// month, day, hours, minutes, seconds}) per countdown (a selector would give
// them all the same date). Dates are local time, the library's default.
for (const element of document.querySelectorAll('.bench-item')) {
  const deadline = new Date(Number(element.dataset.deadline));
  simplyCountdown(element, {
    year: deadline.getFullYear(),
    month: deadline.getMonth() + 1,
    day: deadline.getDate(),
    hours: deadline.getHours(),
    minutes: deadline.getMinutes(),
    seconds: deadline.getSeconds(),
  });
}
