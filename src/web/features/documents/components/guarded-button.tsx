import { Button, type ButtonProps, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = ButtonProps & {
  /** May this role use it? */
  allowed: boolean;
  /** Why not, shown on hover and on keyboard focus. */
  reason: string;
  onClick?: () => void;
  type?: 'button' | 'submit';
  children?: ReactNode;
};

/** A button the role may not use stays in sight, disabled, with the reason in a tooltip (it stays focusable). */
export function GuardedButton({ allowed, reason, onClick, ...props }: Props) {
  if (allowed) {
    return <Button onClick={onClick} {...props} />;
  }
  return (
    <Tooltip label={reason} withArrow multiline maw={280}>
      <Button
        {...props}
        type="button"
        data-disabled
        aria-disabled="true"
        onClick={(e) => e.preventDefault()}
      />
    </Tooltip>
  );
}
