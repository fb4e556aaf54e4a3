/** Ctrl/Cmd+K: every action that applies now, filtered as you type (cmdk), inside a modal dialog. */
import { Command } from 'cmdk';
import { byGroup, paletteActions, type RegisteredAction, useActions } from '../shell-services/actions';
import { displayKeys } from '../shell-services/shortcuts';
import { Dialog } from '../ui/Dialog';
import { Kbd } from '../ui/Kbd';
import styles from './CommandPalette.module.css';

export function CommandPalette({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const groups = byGroup(paletteActions(useActions()));

  const run = (command: RegisteredAction) => {
    onOpenChange(false);
    command.run();
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Command palette"
      hideTitle
      width="md"
      className={styles.dialog}
    >
      {/* No vim bindings: Ctrl+K must reach the shortcut that closes the palette. */}
      <Command label="Commands" className={styles.command} loop vimBindings={false}>
        <div className={styles.inputRow}>
          <Command.Input
            className={styles.input}
            placeholder="Type a command or a place to go…"
            aria-label="Command"
          />
        </div>
        <Command.List className={styles.list}>
          <Command.Empty className={styles.empty}>No command matches.</Command.Empty>
          {[...groups].map(([group, items]) => (
            <Command.Group key={group} heading={group} className={styles.group}>
              {items.map((command) => (
                <Command.Item
                  key={command.id}
                  value={`${command.group} ${command.label}`}
                  keywords={[...(command.keywords ?? [])]}
                  onSelect={() => run(command)}
                  className={styles.item}
                >
                  <span>{command.label}</span>
                  {command.keys[0] ? (
                    <Kbd keys={displayKeys(command.keys[0].keys)} className={styles.keys} />
                  ) : null}
                </Command.Item>
              ))}
            </Command.Group>
          ))}
        </Command.List>
      </Command>
    </Dialog>
  );
}
