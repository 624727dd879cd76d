/** The list's filter panel: loaded with the panel's controls (filter-panel-controls.ts). */
export const listPanel = {
  'list.status.option': '{label} ({count})',
  'list.filter.only': 'Only cases with “{label}”',
  'list.filter.from': 'From',
  'list.filter.to': 'To',
  'list.filter.fromLabel': '{label} from',
  'list.filter.toLabel': '{label} to',
  'list.filters': 'Filters',
} as const;
