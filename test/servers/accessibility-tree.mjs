// wtr server command "accessibility-tree": Chromium's accessibility tree of the test page, what a
// screen reader is given, through puppeteer's page.accessibility.snapshot. Unlike the stock
// a11y-snapshot command it keeps every node (interestingOnly: false), so tables, rows and cells
// are there, and it drops the ids that change from run to run.
// Payload: none. Returns { role, name, value?, level?, checked?, pressed?, expanded?, modal?, required?, invalid?, children? }.

const KEEP = ['role', 'name', 'value', 'level', 'checked', 'pressed', 'expanded', 'modal', 'selected', 'disabled', 'required', 'invalid', 'live', 'children'];

function clean(node) {
  const out = {};
  for (const key of KEEP) {
    if (node[key] === undefined || node[key] === '') continue;
    out[key] = key === 'children' ? node.children.map(clean) : node[key];
  }
  return out;
}

export function accessibilityTree() {
  return {
    name: 'accessibility-tree',
    async executeCommand({ command, session }) {
      if (command !== 'accessibility-tree') return undefined;
      const snapshot = await session.browser.getPage(session.id).accessibility.snapshot({ interestingOnly: false });
      return snapshot ? clean(snapshot) : null;
    },
  };
}
