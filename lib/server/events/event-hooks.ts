// The Event strategy: core/v1 legacy validation, events.k8s.io/v1 strict validation and immutability.
import { fieldInvalid, fieldRequired, type FieldError } from '../errors/field-error.js';
import { qualifiedNameProblems } from '../objects/object-names.js';
import { sameContent } from '../objects/canonical-object.js';
import type { KindHooks } from '../server-context.js';

type Json = Record<string, unknown>;

/** The storage bucket of Events (both APIs share it). */
export const EVENT_BUCKET = '/events';

const LIMIT_128 = 128;
const NOTE_LIMIT = 1024;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function zeroTime(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** The checks every Event create passes, whatever the API (`legacyValidateEvent`). */
function legacyErrors(event: Json, isEventsApi: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const names = isEventsApi
    ? { involved: 'regarding', controller: 'reportingController', message: 'note' }
    : { involved: 'involvedObject', controller: 'reportingComponent', message: 'message' };
  const namespace = text((event['metadata'] as Json)['namespace']);
  const involvedNamespace = text(((event[names.involved] ?? {}) as Json)['namespace']);
  const at = `${names.involved}.namespace`;
  if (zeroTime(event['eventTime'])) {
    if (involvedNamespace === '') {
      if (namespace !== '' && namespace !== 'default') errors.push(fieldInvalid(at, involvedNamespace, 'does not match event.namespace'));
    } else if (namespace !== involvedNamespace) {
      errors.push(fieldInvalid(at, involvedNamespace, 'does not match event.namespace'));
    }
    return errors;
  }
  if (involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system') errors.push(fieldInvalid(at, involvedNamespace, 'does not match event.namespace'));
  const controller = text(event[names.controller]);
  if (controller === '') errors.push(fieldRequired(names.controller));
  for (const problem of qualifiedNameProblems(controller)) if (controller !== '') errors.push(fieldInvalid(names.controller, controller, problem));
  const limited: [string, number][] = [
    ['reportingInstance', LIMIT_128],
    ['action', LIMIT_128],
    ['reason', LIMIT_128],
  ];
  for (const [field, limit] of limited) {
    const value = text(event[field]);
    if (value === '') errors.push(fieldRequired(field));
    if (value.length > limit) errors.push(fieldInvalid(field, '', `can have at most ${limit} characters`));
  }
  if (text(event[names.message]).length > NOTE_LIMIT) errors.push(fieldInvalid(names.message, '', `can have at most ${NOTE_LIMIT} characters`));
  return errors;
}

/** The extra checks of a create through `events.k8s.io/v1`. */
function strictErrors(event: Json): FieldError[] {
  const errors: FieldError[] = [];
  const series = event['series'] as Json | undefined | null;
  if (series !== undefined && series !== null) {
    const count = series['count'];
    if (typeof count !== 'number' || count < 2) errors.push(fieldInvalid('series.count', '', `should be at least 2`));
    if (zeroTime(series['lastObservedTime'])) errors.push(fieldRequired('series.lastObservedTime'));
  }
  if (zeroTime(event['eventTime'])) errors.push(fieldRequired('eventTime'));
  const type = text(event['type']);
  if (type !== 'Normal' && type !== 'Warning') errors.push(fieldInvalid('type', '', `has invalid value: ${type}`));
  for (const field of ['deprecatedFirstTimestamp', 'deprecatedLastTimestamp']) if (!zeroTime(event[field])) errors.push(fieldInvalid(field, '', 'needs to be unset'));
  if (typeof event['deprecatedCount'] === 'number' && event['deprecatedCount'] !== 0) errors.push(fieldInvalid('deprecatedCount', '', 'needs to be unset'));
  const source = (event['deprecatedSource'] ?? {}) as Json;
  if (text(source['component']) !== '' || text(source['host']) !== '') errors.push(fieldInvalid('deprecatedSource', '', 'needs to be unset'));
  return errors;
}

const IMMUTABLE_EVENTS_FIELDS = ['regarding', 'reason', 'note', 'type', 'eventTime', 'action', 'related', 'reportingController', 'reportingInstance'];

/**
 * Hooks implementing the Event strategy (apiserver-semantics §14): every create passes the
 * legacy checks (namespace agreement, and with `eventTime` the reporting fields); creates
 * through `events.k8s.io/v1` also need `eventTime`, a `Normal`/`Warning` type, a valid
 * series and no deprecated fields; updates through `events.k8s.io/v1` may only change the
 * series (and the deprecated fields).
 */
export function eventHooks(): KindHooks {
  return {
    validate(object, old, kind) {
      const isEventsApi = kind.group === 'events.k8s.io';
      if (old === undefined) return isEventsApi ? [...legacyErrors(object, true), ...strictErrors(object)] : legacyErrors(object, false);
      if (!isEventsApi) return [];
      const errors: FieldError[] = [];
      for (const field of IMMUTABLE_EVENTS_FIELDS) {
        if (!sameContent(object[field], old[field])) {
          errors.push(fieldInvalid(field, object[field] ?? '', 'field is immutable'));
        }
      }
      return errors;
    },
  };
}
