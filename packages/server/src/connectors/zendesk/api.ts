import { HttpError } from '../../http-error.js';
import { VendorError, type VendorHttp } from '../vendor-http.js';

/**
 * The Zendesk Support API as the connector uses it, typed with the field names of the reference:
 * https://developer.zendesk.com/api-reference/ticketing/ (Tickets, Ticket Comments, Ticket Audits,
 * Users, Organizations, Attachments, Satisfaction Ratings, Incremental Exports). Fields are read
 * defensively by the mapping (mapping.ts): a field Zendesk leaves out or renames must not crash us.
 */
export interface ZdUser {
  id: number;
  name: string;
  email?: string | null;
  external_id?: string | null;
  role?: 'end-user' | 'agent' | 'admin' | string;
  organization_id?: number | null;
}

export interface ZdOrganization {
  id: number;
  name: string;
  external_id?: string | null;
}

export interface ZdAttachment {
  id: number;
  file_name: string;
  content_url: string;
  content_type: string;
  size: number;
  /** Inline images belong to the comment's HTML and are not in its attachment list. */
  inline?: boolean;
  deleted?: boolean;
}

export interface ZdTicket {
  id: number;
  subject?: string | null;
  description?: string | null;
  status?: string;
  priority?: string | null;
  type?: string | null;
  requester_id?: number;
  assignee_id?: number | null;
  organization_id?: number | null;
  collaborator_ids?: number[];
  created_at?: string;
  updated_at?: string;
  via?: { channel?: string } | null;
  custom_fields?: { id: number; value: unknown }[];
  satisfaction_rating?: { score?: string; comment?: string | null } | null;
  followup_ids?: number[];
  via_followup_source_id?: number | null;
  tags?: string[];
}

export interface ZdComment {
  id: number;
  type?: string;
  body?: string;
  public?: boolean;
  author_id?: number;
  attachments?: ZdAttachment[];
  created_at?: string;
  via?: { channel?: string } | null;
}

export interface ZdAudit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  /** Ticket Audit events reference: Create, Change (field_name, value, previous_value), EmailCcChange (the CCs' addresses before and after), … */
  events: { id?: number; type: string; field_name?: string; value?: unknown; previous_value?: unknown; previous_email_ccs?: unknown; current_email_ccs?: unknown }[];
}

interface CursorPage {
  meta?: { has_more?: boolean; after_cursor?: string | null };
}

export interface Sideloads {
  users?: ZdUser[];
  organizations?: ZdOrganization[];
}

/** What a ticket write sends (POST /api/v2/tickets, PUT /api/v2/tickets/{id}). */
export interface TicketWrite {
  subject?: string;
  comment?: { body: string; public: boolean; author_id?: number; uploads?: string[] };
  requester_id?: number;
  status?: string;
  priority?: string | null;
  type?: string | null;
  collaborator_ids?: number[];
  custom_fields?: { id: number; value: unknown }[];
  via_followup_source_id?: number;
  tags?: string[];
  safe_update?: boolean;
  updated_stamp?: string;
}

const PAGE = 100;

export class ZendeskApi {
  constructor(readonly http: VendorHttp) {}

  async findUser(match: { email: string } | { externalId: string }): Promise<ZdUser | null> {
    // Users API, "Search Users": `query` takes the search syntax, `external_id` an exact id.
    const query = 'email' in match ? { query: `email:${match.email}` } : { external_id: match.externalId };
    const { users } = await this.http.call<{ users: ZdUser[] }>('GET', '/api/v2/users/search', { query });
    return users.find((u) => u.role === 'end-user') ?? null;
  }

  async createUser(user: { name: string; email?: string; external_id?: string; organization_id?: number }): Promise<ZdUser> {
    const { user: created } = await this.http.call<{ user: ZdUser }>('POST', '/api/v2/users', { json: { user: { ...user, role: 'end-user' } } });
    return created;
  }

  async user(id: number): Promise<ZdUser | null> {
    return this.orNull(async () => (await this.http.call<{ user: ZdUser }>('GET', `/api/v2/users/${id}`)).user);
  }

  async organization(id: number): Promise<ZdOrganization | null> {
    return this.orNull(async () => (await this.http.call<{ organization: ZdOrganization }>('GET', `/api/v2/organizations/${id}`)).organization);
  }

  async organizationByExternalId(externalId: string): Promise<ZdOrganization | null> {
    const { organizations } = await this.http.call<{ organizations: ZdOrganization[] }>('GET', '/api/v2/organizations/search', { query: { external_id: externalId } });
    return organizations[0] ?? null;
  }

  async createOrganization(org: { name: string; external_id: string }): Promise<ZdOrganization> {
    return (await this.http.call<{ organization: ZdOrganization }>('POST', '/api/v2/organizations', { json: { organization: org } })).organization;
  }

  async organizationUsers(id: number, max = 1000): Promise<ZdUser[]> {
    return (await this.pages<{ users: ZdUser[] }, ZdUser>(`/api/v2/organizations/${id}/users`, (p) => p.users, max)).items;
  }

  /** Tickets of a list endpoint (requested, ccd, organization), newest first, with users and organizations sideloaded. */
  async tickets(path: string, max: number): Promise<{ tickets: ZdTicket[]; sideloads: Sideloads }> {
    const { items, sideloads } = await this.pages<{ tickets: ZdTicket[] } & Sideloads, ZdTicket>(path, (p) => p.tickets, max, { include: 'users,organizations', sort: '-updated_at' });
    return { tickets: items, sideloads };
  }

  async ticket(id: number): Promise<{ ticket: ZdTicket; sideloads: Sideloads } | null> {
    return this.orNull(async () => {
      const r = await this.http.call<{ ticket: ZdTicket } & Sideloads>('GET', `/api/v2/tickets/${id}`, { query: { include: 'users,organizations' } });
      return { ticket: r.ticket, sideloads: { users: r.users, organizations: r.organizations } };
    });
  }

  async comments(ticketId: number): Promise<{ comments: ZdComment[]; sideloads: Sideloads }> {
    const { items, sideloads } = await this.pages<{ comments: ZdComment[] } & Sideloads, ZdComment>(`/api/v2/tickets/${ticketId}/comments`, (p) => p.comments, 10_000, { include: 'users' });
    return { comments: items, sideloads };
  }

  async audits(ticketId: number): Promise<{ audits: ZdAudit[]; sideloads: Sideloads }> {
    const { items, sideloads } = await this.pages<{ audits: ZdAudit[] } & Sideloads, ZdAudit>(`/api/v2/tickets/${ticketId}/audits`, (p) => p.audits, 10_000, { include: 'users' });
    return { audits: items, sideloads };
  }

  async createTicket(ticket: TicketWrite): Promise<{ ticket: ZdTicket; audit?: ZdAudit }> {
    return this.http.call('POST', '/api/v2/tickets', { json: { ticket } });
  }

  /** null when Zendesk refuses a safe update because the ticket changed after `updated_stamp` (409). */
  async updateTicket(id: number, ticket: TicketWrite): Promise<{ ticket: ZdTicket; audit?: ZdAudit } | null> {
    try {
      return await this.http.call('PUT', `/api/v2/tickets/${id}`, { json: { ticket } });
    } catch (e) {
      if (e instanceof VendorError && e.status === 409) return null;
      throw e;
    }
  }

  /** Satisfaction Ratings, "Create a Satisfaction Rating": only the requester may, so on their behalf. */
  async rate(ticketId: number, onBehalfOf: string, rating: { score: 'good' | 'bad'; comment?: string }): Promise<void> {
    await this.http.call('POST', `/api/v2/tickets/${ticketId}/satisfaction_rating`, { json: { satisfaction_rating: rating }, headers: { 'x-on-behalf-of': onBehalfOf } });
  }

  /**
   * Attachments, "Upload Files": the bytes as the body, the name in `filename`, the MIME type as
   * Content-Type. The token goes into a comment's `uploads` (and expires if no comment uses it).
   */
  async upload(name: string, type: string, bytes: Uint8Array): Promise<{ token: string; attachment: ZdAttachment }> {
    const { upload } = await this.http.call<{ upload: { token: string; attachment?: ZdAttachment; attachments?: ZdAttachment[] } }>('POST', '/api/v2/uploads', { query: { filename: name }, bytes: { data: bytes, type } });
    const attachment = upload.attachment ?? upload.attachments?.at(-1);
    if (!upload?.token || !attachment) throw new HttpError(502, 'server', 'The help desk gave an unexpected answer to an upload.');
    return { token: upload.token, attachment };
  }

  /** An attachment's bytes from its `content_url` (with our credential only on Zendesk's own origin). */
  download(contentUrl: string) {
    return this.http.open(contentUrl);
  }

  /** Incremental Exports, "Incremental Ticket Export, Cursor Based". */
  async exportTickets(from: { cursor: string } | { startTime: number }): Promise<{ tickets: ZdTicket[]; after_cursor: string | null; end_of_stream: boolean }> {
    const query = 'cursor' in from ? { cursor: from.cursor } : { start_time: from.startTime };
    return this.http.call('GET', '/api/v2/incremental/tickets/cursor', { query });
  }

  /** Every page of a cursor-paginated list ("Pagination": page[size], page[after], meta.has_more), up to `max` items. */
  private async pages<P extends CursorPage & Sideloads, T>(path: string, items: (p: P) => T[] | undefined, max: number, extra: Record<string, string> = {}): Promise<{ items: T[]; sideloads: Sideloads }> {
    const out: T[] = [];
    const users = new Map<number, ZdUser>();
    const orgs = new Map<number, ZdOrganization>();
    let after: string | undefined;
    for (;;) {
      const page = await this.http.call<P>('GET', path, { query: { ...extra, 'page[size]': PAGE, 'page[after]': after } });
      out.push(...(items(page) ?? []));
      for (const u of page.users ?? []) users.set(u.id, u);
      for (const o of page.organizations ?? []) orgs.set(o.id, o);
      if (!page.meta?.has_more || !page.meta.after_cursor || out.length >= max) break;
      after = page.meta.after_cursor;
    }
    return { items: out.slice(0, max), sideloads: { users: [...users.values()], organizations: [...orgs.values()] } };
  }

  private async orNull<T>(f: () => Promise<T>): Promise<T | null> {
    try {
      return await f();
    } catch (e) {
      if (e instanceof VendorError && e.status === 404) return null;
      throw e;
    }
  }
}
