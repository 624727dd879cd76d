import { expect } from '@open-wc/testing';
import { assertAttachmentAllowed, attachmentProblem, isTypeAllowed } from './attachments.js';
import { AdapterError } from './errors.js';
import type { Limits } from './model.js';

const limits: Limits = { maxAttachmentBytes: 1000, allowedTypes: ['application/pdf', 'image/*', '.log'], maxAttachmentsPerMessage: 5, pageSize: 25 };
const file = (name: string, size: number, type: string) => ({ name, size, type });

describe('attachment limits', () => {
  it('matches MIME types, type families and extensions; an empty list allows any', () => {
    expect(isTypeAllowed('a.pdf', 'application/pdf', limits.allowedTypes)).to.be.true;
    expect(isTypeAllowed('a.PNG', 'image/png', limits.allowedTypes)).to.be.true;
    expect(isTypeAllowed('SERVER.LOG', '', limits.allowedTypes)).to.be.true;
    expect(isTypeAllowed('a.html', 'text/html', limits.allowedTypes)).to.be.false;
    expect(isTypeAllowed('a.html', 'text/html', [])).to.be.true;
  });

  it('refuses oversize files first, then disallowed types', () => {
    expect(attachmentProblem(file('a.pdf', 1000, 'application/pdf'), limits)).to.equal(null);
    expect(attachmentProblem(file('a.pdf', 1001, 'application/pdf'), limits)).to.equal('too_large');
    expect(attachmentProblem(file('a.svg', 10, 'image/svg+xml'), { ...limits, allowedTypes: ['application/pdf'] })).to.equal(
      'unsupported_type',
    );
  });

  it('throws an AdapterError with the code and a backend message', () => {
    try {
      assertAttachmentAllowed(file('big.pdf', 5000, 'application/pdf'), limits);
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(AdapterError);
      expect((e as AdapterError).code).to.equal('too_large');
      expect((e as AdapterError).backendMessage).to.contain('big.pdf');
    }
  });
});
