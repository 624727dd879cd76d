/** The list's filter panel and the active filters' chips: loaded with the panel's controls (filter-panel-controls.ts). */
export const listPanel = {
  'list.status.option': '{label} ({count})',
  'list.filter.only': 'Only cases with “{label}”',
  'list.filter.from': 'From',
  'list.filter.to': 'To',
  'list.filter.fromLabel': '{label} from',
  'list.filter.toLabel': '{label} to',
  'list.filters': 'Filters',
  // The chips of the filters that are on (active-filters.ts).
  'list.activeFilters': 'Active filters',
  'list.filter.chip': '{label}: {value}',
  'list.filter.remove': 'Remove filter {filter}',
  'list.filter.contains': 'contains “{value}”',
  'list.filter.between': '{from} – {to}',
  'list.filter.since': 'from {from}',
  'list.filter.until': 'until {to}',
  'list.clearAll': 'Clear all filters',
} as const;
