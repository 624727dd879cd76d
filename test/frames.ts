/** A page of the repo opened in an iframe of the test page: the single file's tests look at it as a visitor would. */
export type Frame = { frame: HTMLIFrameElement; win: Window & typeof globalThis; doc: Document; remove(): void };

/** Opens `src` in a 1000×700 iframe and resolves once it has loaded. */
export async function openFrame(src: string): Promise<Frame> {
  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '700px';
  frame.src = src;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  const win = frame.contentWindow as Window & typeof globalThis;
  return { frame, win, doc: frame.contentDocument!, remove: () => frame.remove() };
}
