/**
 * Settings a CMS editor makes once for the whole page instead of on every tag:
 * `<meta name="case-portal:NAME" content="…">` in the page (or the shadow root around the element).
 * Read on use, so a setting added after the elements still counts. Elements read every page-wide
 * setting through `pageSetting`, so another source (a page-level JSON config) joins here only.
 */
export type PageSettingName = 'case-url';

/** The page's value for a setting, or undefined when the page sets none (or sets it empty). */
export function pageSetting(name: PageSettingName, from: Node = document): string | undefined {
  const root = from.getRootNode() as Document | ShadowRoot;
  const selector = `meta[name="case-portal:${name}"]`;
  const meta = root.querySelector?.<HTMLMetaElement>(selector) ?? from.ownerDocument?.querySelector<HTMLMetaElement>(selector);
  const value = meta?.content.trim();
  return value ? value : undefined;
}
