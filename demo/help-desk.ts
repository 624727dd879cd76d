// The demo's help desk: on a real site, agents answer in the CRM; here a pretend agent answers the
// customer's replies a few seconds later through the memory backend's agentReply(), so the live
// update (new message, announcement, status "Awaiting your reply") can be seen in one tab. Only
// the tab that sent the reply answers it (the DOM event fires there alone), so two open tabs
// don't answer twice; the other tab gets the answer live, like any other change.
import type { MemoryAdapter } from '@case-portal/adapter-memory';

const ANSWERS = [
  'Thanks for the details. I have passed them to our network team and will update you by tomorrow.',
  'Thank you. Could you tell us the firmware version shown under Settings → About?',
  'Got it, thanks. We have reproduced the problem and are working on a fix.',
];

export function startDemoHelpDesk(backend: MemoryAdapter, delayMs = 6000): void {
  let next = 0;
  document.addEventListener('case-message-sent', (e) => {
    const { caseId, message } = e.detail;
    if (message.kind !== 'comment') return;
    const answer = ANSWERS[next++ % ANSWERS.length]!;
    // The case may have been closed meanwhile: then nobody answers.
    setTimeout(() => void backend.agentReply(caseId, answer).catch(() => undefined), delayMs);
  });
}
