import type { ContextIndex } from '../rules/context-index';
import { skip, type RuleResult } from '../rules/rule-result';
import type { EventIndex } from './event-index';
import type { ReadEvent } from './read-event';

// Rule 5: no historical import (an event that ended before the connection never syncs), and nothing further
// ahead than the horizon: such an event is decided again once it comes within it.

const DAY_MS = 86_400_000;

const UNKNOWN_CONNECTION = skip(
  'before_connection',
  'the time your calendar was connected is unknown, and Liaison never imports older events.',
);

export function windowRule(
  event: ReadEvent,
  index: ContextIndex,
  events: EventIndex,
  connectedAt: unknown,
): RuleResult<'before_connection' | 'beyond_horizon'> {
  if (index.connectedMs === null) return UNKNOWN_CONNECTION;
  if (event.endMs < index.connectedMs) {
    return skip(
      'before_connection',
      `it ended before your calendar was connected (${String(connectedAt)}); Liaison does not import older events.`,
    );
  }
  const horizon = events.horizonWords;
  if (events.nowMs === null) {
    return skip(
      'beyond_horizon',
      `the current time was not given, so whether it starts within the next ${horizon} is unknown; it will be decided again.`,
    );
  }
  if (event.startMs > events.nowMs + events.horizonDays * DAY_MS) {
    return skip(
      'beyond_horizon',
      `it starts more than ${horizon} from now; it will be decided again when it comes within ${horizon}.`,
    );
  }
  return events.withinHorizon;
}
