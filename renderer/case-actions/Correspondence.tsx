/**
 * Correspondence kept with a case: a file picker that reads the file into the store (size-limited, with the
 * reason when it is too big) and a link that saves a kept file again.
 */
import { useId, useState } from 'react';
import { correspondenceProblem, fileSizeText } from '../../shared/sync';
import styles from '../case-kit/forms.module.css';
import { useChange } from '../case-store/changes';
import { notify } from '../shell-services/toasts';
import { downloadBlob } from '../ui/download';

export interface PickedFile {
  filename: string;
  contentType: string;
  data: string;
}

/** The file's bytes as base64, or the reason it can't be kept. */
export async function readCorrespondence(file: File): Promise<PickedFile | { problem: string }> {
  const problem = correspondenceProblem(file.name, file.size);
  if (problem !== null) return { problem };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, contentType: file.type || 'application/octet-stream', data: btoa(binary) };
}

/** Attaches picked files to a case, one mutation each; says which were kept and why any were not. */
export function useAttachCorrespondence(): (caseId: string, files: readonly File[]) => Promise<string[]> {
  const change = useChange();
  return async (caseId, files) => {
    const problems: string[] = [];
    for (const file of files) {
      const read = await readCorrespondence(file);
      if ('problem' in read) {
        problems.push(read.problem);
        continue;
      }
      const outcome = await change('attachCorrespondence', { caseId, ...read });
      if (!outcome.ok) problems.push(outcome.failure.message);
      else notify({ tone: 'success', title: `${read.filename} attached` });
    }
    return problems;
  };
}

/** "Attach correspondence…": a file input that keeps the chosen files with the case. */
export function AttachCorrespondence({ caseId }: { caseId: string }) {
  const id = useId();
  const attach = useAttachCorrespondence();
  const [problems, setProblems] = useState<string[]>([]);
  return (
    <div>
      <label htmlFor={id} className={styles.legend}>
        Attach correspondence
      </label>
      <input
        id={id}
        type="file"
        multiple
        aria-describedby={problems.length > 0 ? `${id}-error` : undefined}
        onChange={async (event) => {
          const input = event.currentTarget;
          const files = [...(input.files ?? [])];
          setProblems(await attach(caseId, files));
          input.value = '';
        }}
      />
      {problems.length > 0 ? (
        <p id={`${id}-error`} className={styles.error} role="alert">
          {problems.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** A kept file, saved again on click (its bytes come from the store, not the network). */
export function CorrespondenceLink({
  filename,
  contentType,
  size,
  data,
}: {
  filename: string;
  contentType: string;
  size: number;
  data: string;
}) {
  const save = () => {
    const binary = atob(data);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    downloadBlob(new Blob([bytes], { type: contentType }), filename);
  };
  return (
    <button type="button" className={styles.fileLink} onClick={save}>
      {filename} ({fileSizeText(size)})
    </button>
  );
}
