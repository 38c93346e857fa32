import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';

// The pane's less used actions in a menu (its own chunk: Fluent's menu and positioning are not needed to paint).

export interface MoreAction {
  label: string;
  onClick(): void;
}

export default function MoreMenu({ items, label = 'More actions' }: { items: MoreAction[]; label?: string }) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" aria-label={label}>
          More…
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {items.map((item) => (
            <MenuItem key={item.label} onClick={item.onClick}>
              {item.label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
