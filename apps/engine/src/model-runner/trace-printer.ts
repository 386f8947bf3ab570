import type { Effect, TraceEvent, Wait } from '#bpmn';

/** Renders the core's trace and effects as lines a person can follow in a terminal. */
export function traceLines(events: TraceEvent[], effects: Effect[]): string[] {
  const lines: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'element.activated':
        if (event.elementType !== 'process') lines.push(`  ▶ ${event.elementType} '${event.elementId}'`);
        break;
      case 'element.completed':
        lines.push(`  ✔ ${event.elementType} '${event.elementId}' completed`);
        break;
      case 'element.terminated':
        lines.push(`  ✖ ${event.elementType} '${event.elementId}' terminated`);
        break;
      case 'flow.taken':
        lines.push(`    → ${event.flowId}`);
        break;
      case 'variable.set':
        lines.push(`    = ${event.name} := ${JSON.stringify(event.value.value)} (${event.value.type})`);
        break;
      case 'error.thrown':
        lines.push(
          `  ⚡ error '${event.errorCode}' from '${event.elementId}'${event.caughtBy ? `, caught by '${event.caughtBy}'` : ', uncaught'}`,
        );
        break;
      case 'escalation.thrown':
        lines.push(
          `  ⇡ escalation '${event.escalationCode}' from '${event.elementId}'${event.caughtBy ? `, caught by '${event.caughtBy}'` : ', uncaught'}`,
        );
        break;
    }
  }
  for (const effect of effects) {
    switch (effect.type) {
      case 'wait.opened':
      case 'wait.updated': {
        const wait = effect.wait;
        const what = describeWait(wait);
        lines.push(`  ⏸ '${wait.elementId}' waits for ${what}`);
        break;
      }
      case 'signal.thrown':
        lines.push(`  📣 signal '${effect.signalName}' thrown`);
        break;
      case 'message.published':
        lines.push(`  ✉ message '${effect.messageName}' published`);
        break;
      case 'incident.raised':
        lines.push(`  ⚠ incident at '${effect.incident.elementId}': ${effect.incident.message}`);
        break;
      case 'instance.ended':
        lines.push(`  ■ instance ${effect.status}`);
        break;
      default:
        break;
    }
  }
  return lines;
}

/** What a wait waits for, in words. */
function describeWait(wait: Wait): string {
  switch (wait.kind) {
    case 'job':
      return `job '${wait.jobType}' (${wait.jobKind})`;
    case 'user-task': {
      const groups = wait.candidateGroups.length ? ` (groups ${wait.candidateGroups.join(', ')})` : '';
      return `user task${wait.assignee ? ` for ${wait.assignee}` : ''}${groups}`;
    }
    case 'timer':
      return `timer due ${wait.dueAt}`;
    case 'message':
      return `message '${wait.messageName}'${wait.correlationKey ? ` with key '${wait.correlationKey}'` : ''}`;
    case 'signal':
      return `signal '${wait.signalName}'`;
    case 'call-activity':
      return `called process '${wait.processId}' (${wait.binding}) to end`;
    case 'async':
      return `its asynchronous continuation (${wait.phase})`;
    case 'conditional':
      return 'a condition';
  }
}
