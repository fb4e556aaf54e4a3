import { z } from 'zod';
import { MAX_CORRESPONDENCE_BYTES } from '../domain/events';
import { defineMutator, eventBase, findCase, record } from './define';
import { invalid } from './errors';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes a base64 text holds. */
export function base64Size(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/** "1.4 MB", "820 KB": a file size as people say it. */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Why a file can't be kept with a case, or null when it can: the one size rule, for forms and the mutator. */
export function correspondenceProblem(filename: string, size: number): string | null {
  if (size > MAX_CORRESPONDENCE_BYTES) {
    return `${filename} is ${fileSizeText(size)}: Desk keeps files up to ${fileSizeText(MAX_CORRESPONDENCE_BYTES)} with a case. Attach a smaller copy (the pages that matter, as a PDF), or note where the original is kept.`;
  }
  if (size === 0) return `${filename} is empty: choose the file again.`;
  return null;
}

export const AttachCorrespondenceArgs = z.object({
  caseId: z.string().min(1),
  filename: z
    .string()
    .trim()
    .min(1, 'Give the file a name.')
    .max(255, 'Keep the file name under 255 characters.'),
  contentType: z.string().max(200).default('application/octet-stream'),
  /** The file's bytes, base64. */
  data: z.string().regex(BASE64, 'That file could not be read: choose it again.'),
});
export type AttachCorrespondenceArgs = z.input<typeof AttachCorrespondenceArgs>;

/** Keeps a file of correspondence with the case (a letter, a saved email), on its timeline and in its evidence. */
export const attachCorrespondence = defineMutator({
  args: AttachCorrespondenceArgs,
  action: 'attach the file',
  reads: (args) => ({ caseIds: [args.caseId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const size = base64Size(args.data);
    const problem = correspondenceProblem(args.filename, size);
    if (problem !== null) throw invalid(problem, { file: problem });
    return record(kase, [
      {
        ...eventBase(ctx, kase.id),
        type: 'correspondence-attached',
        filename: args.filename,
        contentType: args.contentType || 'application/octet-stream',
        size,
        data: args.data,
      },
    ]).changes;
  },
});
