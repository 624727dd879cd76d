// The demo uses the source through the bundle entry: every tag + the embedded memory backend.
import '@case-portal/elements/bundle.js';
