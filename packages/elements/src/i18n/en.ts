import { common } from './en/common.js';
import { list } from './en/list.js';
import { detail } from './en/detail.js';
import { thread } from './en/thread.js';
import { create } from './en/create.js';
import { search } from './en/search.js';
import { field } from './en/field.js';
import { attachments } from './en/attachments.js';

/**
 * The English catalog, the reference every other locale is checked against.
 * Split by element so each file stays small; keys are prefixed by their section.
 */
export const en = { ...common, ...list, ...detail, ...thread, ...create, ...field, ...search, ...attachments };
export type MessageKey = keyof typeof en;
