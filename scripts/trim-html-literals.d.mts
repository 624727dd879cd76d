import type { Plugin } from 'vite';

export function trimTemplateText(text: string): string;
export function trimHtmlLiterals(code: string, id: string): string;
export function trimHtmlLiteralsPlugin(): Plugin;
