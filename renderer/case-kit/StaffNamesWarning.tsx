import type { StaffMention } from '../../shared/domain';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';

/**
 * A formal complaint's words must not name staff (shared/domain findStaffNames): said where they are typed, at
 * intake and when a case moves to the formal stage, with a button that redacts the names.
 */
export function StaffNamesWarning({
  mentions,
  why,
  onRedact,
}: {
  mentions: readonly StaffMention[];
  /** Why it matters here: "A formal complaint is handled in confidence…". */
  why: string;
  onRedact: () => void;
}) {
  return (
    <Banner
      inline
      actions={
        <Button size="sm" onClick={onRedact}>
          Redact the names
        </Button>
      }
    >
      <strong>This names staff:</strong> {mentions.map((m) => `“${m.found}”`).join(', ')}. {why}
    </Banner>
  );
}
