// The standalone page's case: the card template links to ./standalone.html?case=<id>; without a
// portal around them, the elements leave navigation to the page, so the page picks the case here.
// A module file, not an inline script: the page stays usable under a strict Content-Security-Policy.
const id = new URLSearchParams(location.search).get('case');
const detail = document.querySelector('case-detail.editor-detail');
if (id && detail) detail.setAttribute('case-id', id);
