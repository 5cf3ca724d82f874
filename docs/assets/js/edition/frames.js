// Work left for after the first paint: a few elements per frame, after load. Done at once, this work
// would restyle and reflow a long page in one task, with the theme's start-up. Every handler is on
// the document and upgrades the element it acts on first, so no reader waits for these queues.
const nextFrame = window.requestAnimationFrame || function (step) { return window.setTimeout(step, 16); };

let busy = 0;  // queues still at work
const whenDone = [];  // what waits for the page to be finished (place.js)

// upgrade(item) for every item, perFrame of them in each frame.
export function everyFrame(items, perFrame, upgrade) {
  const queue = Array.prototype.slice.call(items);
  function step() {
    queue.splice(0, perFrame).forEach(upgrade);
    if (queue.length) { nextFrame(step); return; }
    if (--busy === 0) whenDone.splice(0).forEach(function (then) { then(); });
  }
  if (queue.length) { busy++; nextFrame(step); }
}

// then() once every queue is done; false (and nothing scheduled) when none is at work.
export function afterFrames(then) {
  if (!busy) return false;
  whenDone.push(then);
  return true;
}
