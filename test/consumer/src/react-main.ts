// A React 19 app using the wrappers, without JSX (no plugin): a list, and the case it opens.
import { createElement as h, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RestAdapter } from '@case-portal/adapter-rest';
import { CaseDetail, CaseList } from '@case-portal/react';
import type { CaseSelectEvent } from '@case-portal/elements';

const adapter = new RestAdapter({ baseUrl: '/api' });

function App() {
  const [caseId, setCaseId] = useState<string | null>(null);
  const [events, setEvents] = useState<string[]>([]);
  const onCaseSelect = (e: CaseSelectEvent) => {
    e.preventDefault(); // the app routes itself
    setEvents((list) => [...list, `select:${e.detail.caseId}`]);
    setCaseId(e.detail.caseId);
  };
  return h(
    'main',
    null,
    h('output', { id: 'events' }, events.join(' ')),
    caseId
      ? h(CaseDetail, { adapter, caseId, key: caseId, onCaseError: (e) => setEvents((l) => [...l, `error:${e.detail.error.code}`]) })
      : h(CaseList, { adapter, onCaseSelect }),
  );
}

createRoot(document.getElementById('root')!).render(h(StrictMode, null, h(App)));
