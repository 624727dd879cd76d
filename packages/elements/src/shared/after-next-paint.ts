/**
 * Runs `run` once, after the next frame has painted (a task after its animation frame), or after
 * 100 ms in a page that gets no frames (a background tab), whichever comes first: for work that
 * must not compete with what the user is about to see.
 */
export function afterNextPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}
