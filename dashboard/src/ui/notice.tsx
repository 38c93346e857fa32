import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

// The outcome of the last change on a section: what was done, or why it was not. Announced to screen readers.

export interface NoticeValue {
  intent: 'success' | 'error' | 'warning' | 'info';
  title: string;
  text?: string;
}

export function Notice({ notice }: { notice: NoticeValue | undefined }) {
  if (!notice) return null;
  return (
    <div role={notice.intent === 'error' ? 'alert' : 'status'}>
      <MessageBar intent={notice.intent} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{notice.title}</MessageBarTitle>
          {notice.text}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}

/** What the server says about settings changes (same words everywhere). */
export const APPLIES_FROM = 'Applies from the next sync, within a minute.';
