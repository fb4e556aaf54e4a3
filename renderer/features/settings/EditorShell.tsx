/**
 * What the policy and calendar editors share: a draft edited field by field, "Preview changes" that checks it
 * and shows which open cases' deadlines would move, then Save; around it the breadcrumb, the title, the
 * warning when another window saved first, the error summary and the buttons.
 */
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { CaseStore } from '../../db';
import { navigate } from '../../shell-services/router';
import { notify } from '../../shell-services/toasts';
import { Button } from '../../ui/Button';
import { type ChangeReview, ChangeReviewPanel, useChangeReview } from './ChangeReview';
import type { DeskRules } from './deadline-preview';
import styles from './Editor.module.css';
import { Breadcrumb, ErrorSummary } from './EditorParts';
import type { FieldErrors } from './policy-draft';

export type Parsed<Edited> = { ok: true; edited: Edited } | { ok: false; errors: FieldErrors };

export interface Editor<Draft> {
  draft: Draft;
  errors: FieldErrors;
  /** Changes the draft; a preview already shown no longer stands. */
  change: (update: (draft: Draft) => Draft) => void;
  review: ChangeReview;
  preview: (event: FormEvent) => void;
  save: () => void;
  /** Back to where the editor was opened from. */
  leave: () => void;
}

export function useEditor<Draft, Edited>({
  start,
  parse,
  rules,
  store,
  withEdited,
  persist,
  savedTitle,
  detail,
}: {
  start: () => Draft;
  /** The draft as the thing it edits, or what is wrong with it field by field. */
  parse: (draft: Draft) => Parsed<Edited>;
  rules: DeskRules;
  store: CaseStore;
  /** The desk's rules with the edited thing in place, for the preview. */
  withEdited: (edited: Edited) => DeskRules;
  persist: (edited: Edited, onProgress: (done: number, total: number) => void) => Promise<unknown>;
  savedTitle: (edited: Edited) => string;
  /** The page the editor returns to (the thing's detail). */
  detail: string;
}): Editor<Draft> {
  const [draft, setDraft] = useState<Draft>(start);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [edited, setEdited] = useState<Edited | null>(null);
  const review = useChangeReview();

  const change = (update: (draft: Draft) => Draft) => {
    setDraft(update);
    review.reset();
  };

  const preview = (event: FormEvent) => {
    event.preventDefault();
    const result = parse(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setEdited(result.edited);
    review.check(store, rules, withEdited(result.edited));
  };

  const save = () => {
    if (edited === null) return;
    review.save(
      async (onProgress) => {
        await persist(edited, onProgress);
      },
      () => {
        notify({ tone: 'success', title: savedTitle(edited) });
        navigate(detail);
      },
    );
  };

  return { draft, errors, change, review, preview, save, leave: () => navigate(detail) };
}

export function EditorShell({
  editor,
  trail,
  title,
  intro,
  conflict,
  saveLabel,
  children,
}: {
  editor: Pick<Editor<unknown>, 'errors' | 'review' | 'preview' | 'save' | 'leave'>;
  trail: Parameters<typeof Breadcrumb>[0]['trail'];
  title: ReactNode;
  intro: ReactNode;
  /** Said when another window saved the thing while this one edits it: this edit can then not be saved. */
  conflict: ReactNode;
  saveLabel: string;
  children: ReactNode;
}) {
  const headingId = useId();
  const { review, errors } = editor;
  const busy = review.state.step === 'checking' || review.state.step === 'saving';
  return (
    <section className={styles.editor} aria-labelledby={headingId}>
      <Breadcrumb trail={trail} />
      <h2 id={headingId} className={styles.title}>
        {title}
      </h2>
      <p className={styles.intro}>{intro}</p>
      {conflict ? (
        <p className={styles.problem} role="alert">
          {conflict}
        </p>
      ) : null}
      <form className={styles.form} onSubmit={editor.preview} noValidate aria-labelledby={headingId}>
        <fieldset className={styles.fieldset} disabled={busy}>
          {children}
        </fieldset>

        <ErrorSummary count={Object.keys(errors).length} form={errors.form} />
        {review.state.step === 'editing' ? (
          <div className={styles.actions}>
            <Button type="submit" variant="primary">
              Preview changes
            </Button>
            <Button variant="ghost" onClick={editor.leave}>
              Cancel
            </Button>
          </div>
        ) : null}
      </form>
      <ChangeReviewPanel
        review={review}
        saveLabel={saveLabel}
        onSave={editor.save}
        onDiscard={editor.leave}
      />
    </section>
  );
}
