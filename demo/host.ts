// The host site's own script on demo/index.html (not the portal's): it shows who the site has signed
// in, lets the visitor sign in as one of the demo people (a form posting to /demo/signin, as a
// site's login would), and only then puts the portal on the page. The portal signs in through
// `token-url`: the site's /portal-token answers the JWT for its visitor (demo/host-site.ts).
interface Session {
  person: { id: string; name: string; role: string } | null;
  people: { id: string; name: string; role: string }[];
}

function el(tag: string, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) node.setAttribute(k === 'className' ? 'class' : k, v);
  node.append(...children);
  return node;
}

function postButton(action: string, label: string, fields: Record<string, string> = {}) {
  const form = el('form', { method: 'post', action, className: 'host-inline-form' });
  for (const [name, value] of Object.entries(fields)) form.append(el('input', { type: 'hidden', name, value }));
  form.append(el('button', { type: 'submit', className: 'host-button' }, label));
  return form;
}

async function start(): Promise<void> {
  const account = document.getElementById('host-account')!;
  const zone = document.getElementById('secure-zone')!;
  let session: Session;
  try {
    session = (await (await fetch('/demo/session', { cache: 'no-store' })).json()) as Session;
  } catch {
    zone.replaceChildren(el('p', {}, 'The demo site could not reach its own backend. Is `npm start` running?'));
    return;
  }
  if (!session.person) {
    account.replaceChildren('Not signed in');
    const choices = session.people.map((p) => el('li', {}, postButton('/demo/signin', `${p.name} (${p.role})`, { as: p.id })));
    zone.replaceChildren(
      el('h2', {}, 'Sign in to see your support cases'),
      el('p', {}, 'This demo site signs you in as one of the people the case server was seeded with:'),
      el('ul', { className: 'host-people' }, ...choices),
    );
    return;
  }
  account.replaceChildren(`Signed in as ${session.person.name} `, postButton('/demo/signout', 'Sign out'));
  const portal = document.createElement('case-portal');
  portal.setAttribute('url-state', '');
  portal.setAttribute('api', '/api/portal');
  portal.setAttribute('token-url', '/portal-token');
  zone.replaceChildren(portal);
}

void start();
