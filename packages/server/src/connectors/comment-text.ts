/**
 * What a vendor's comment says: the customer's text, or, for files sent without any, their names.
 * A portal reply may be files alone; help desks refuse a blank comment (Zendesk: "body cannot be
 * blank"; Salesforce's FeedItem requires a Body) or show an empty one to the agent.
 */
export function commentText(body: string, fileNames: readonly string[]): string {
  return body.trim() ? body : `Files added: ${fileNames.join(', ')}`;
}
