/** Ctrl/Cmd+K: every registered command, filtered as you type (cmdk), inside a modal dialog. */
import { Command } from 'cmdk';
import { type Command as DeskCommand, useCommandList } from '../shell-services/commands';
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
  const commands = useCommandList();
  const groups = groupBy(commands);

  const run = (command: DeskCommand) => {
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
                  {command.shortcut ? (
                    <Kbd keys={displayKeys(command.shortcut)} className={styles.keys} />
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

function groupBy(commands: readonly DeskCommand[]): Map<string, DeskCommand[]> {
  const groups = new Map<string, DeskCommand[]>();
  for (const command of commands) {
    const list = groups.get(command.group) ?? [];
    list.push(command);
    groups.set(command.group, list);
  }
  return groups;
}
