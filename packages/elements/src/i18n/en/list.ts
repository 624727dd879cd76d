import type { Msg } from '../types.js';
import { formatCount, plural } from './plural.js';

const shownOfTotal = plural({ one: 'Showing {shown} of # case', other: 'Showing {shown} of # cases' }, 'total');

export const list = {
  'list.label': 'Support cases',
  'list.toolbar': 'Find cases',
  'list.keyword': 'Search',
  'list.keywordHint': 'Case number, subject or description',
  'list.status': 'Status',
  'list.status.all': 'All statuses',
  'list.view': 'Show',
  'list.view.all': 'All cases I can see',
  'list.view.mine': 'Cases I opened',
  'list.view.account': 'All cases of my organization',
  'list.view.linked': 'Cases I’m copied on',
  'list.column.number': 'Case number',
  'list.column.subject': 'Subject',
  'list.column.status': 'Status',
  'list.column.origin': 'Channel',
  'list.column.owner': 'Handled by',
  'list.column.createdAt': 'Created',
  'list.column.updatedAt': 'Last update',
  'list.column.priority': 'Priority',
  'list.column.category': 'Category',
  'list.column.service': 'Service',
  'list.noSubject': '(no subject)',
  'list.loading': 'Loading cases…',
  'list.loadMore': 'Show more cases',
  'list.loadingMore': 'Loading more cases…',
  'list.summary.all': plural({ zero: 'No cases', one: '# case', other: '# cases' }, 'total'),
  // "Showing 25 of 1,234 cases": the total picks the plural form, both numbers are localized.
  'list.summary.some': ((p, locale) =>
    shownOfTotal(p, locale).replace('{shown}', formatCount(Number(p.shown ?? 0), locale))) as Msg<'shown' | 'total'>,
  'list.empty': 'You have no support cases yet.',
  'list.emptyFiltered': 'No cases match your search.',
  'list.clearFilters': 'Clear search and filters',
  'list.newCase': 'New case',
  'list.openCase': 'Open case {number}',
  'list.column.description': 'Description',
  'list.column.requester': 'Opened by',
  'list.column.closedAt': 'Closed',
  'list.origin': 'Channel',
  'list.filters.toggle': plural({ zero: 'Filters', one: 'Filters (#)', other: 'Filters (#)' }),
  'list.awaitingReply': 'Awaiting my reply',
} as const;
