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

/**
 * The events.k8s.io/v1 names of the fields of a core Event (the storage): kube-apiserver
 * validates the converted core object, so its errors name the core fields whatever the API.
 */
const EVENTS_API_NAMES: Readonly<Record<string, string>> = {
  involvedObject: 'regarding',
  message: 'note',
  source: 'deprecatedSource',
  firstTimestamp: 'deprecatedFirstTimestamp',
  lastTimestamp: 'deprecatedLastTimestamp',
  count: 'deprecatedCount',
  reportingComponent: 'reportingController',
};

/** A core field of the event, read through the name the request's API gives it. */
function coreField(event: Json, core: string, isEventsApi: boolean): unknown {
  return event[isEventsApi ? (EVENTS_API_NAMES[core] ?? core) : core];
}

/** The checks every Event write passes, whatever the API (`legacyValidateEvent`). */
function legacyErrors(event: Json, isEventsApi: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const get = (core: string): unknown => coreField(event, core, isEventsApi);
  // The internal field is ReportingController; only core/v1 requests call it reportingComponent.
  const controllerName = isEventsApi ? 'reportingController' : 'reportingComponent';
  const namespace = text((event['metadata'] as Json)['namespace']);
  const involvedNamespace = text(((get('involvedObject') ?? {}) as Json)['namespace']);
  const at = 'involvedObject.namespace';
  if (zeroTime(event['eventTime'])) {
    if (involvedNamespace === '') {
      if (namespace !== '' && namespace !== 'default') errors.push(fieldInvalid(at, involvedNamespace, 'does not match event.namespace'));
    } else if (namespace !== involvedNamespace) {
      errors.push(fieldInvalid(at, involvedNamespace, 'does not match event.namespace'));
    }
    return errors;
  }
  if (involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system') errors.push(fieldInvalid(at, involvedNamespace, 'does not match event.namespace'));
  const controller = text(get('reportingComponent'));
  if (controller === '') errors.push(fieldRequired(controllerName));
  for (const problem of qualifiedNameProblems(controller)) if (controller !== '') errors.push(fieldInvalid(controllerName, controller, problem));
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
  if (text(get('message')).length > NOTE_LIMIT) errors.push(fieldInvalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
  return errors;
}

function seriesErrors(event: Json): FieldError[] {
  const errors: FieldError[] = [];
  const series = event['series'] as Json | undefined | null;
  if (series !== undefined && series !== null) {
    const count = series['count'];
    if (typeof count !== 'number' || count < 2) errors.push(fieldInvalid('series.count', '', `should be at least 2`));
    if (zeroTime(series['lastObservedTime'])) errors.push(fieldRequired('series.lastObservedTime'));
  }
  return errors;
}

/** The extra checks of a create through `events.k8s.io/v1` (core field names). */
function strictErrors(event: Json): FieldError[] {
  const errors: FieldError[] = seriesErrors(event);
  if (zeroTime(event['eventTime'])) errors.push(fieldRequired('eventTime'));
  const type = text(event['type']);
  if (type !== 'Normal' && type !== 'Warning') errors.push(fieldInvalid('type', '', `has invalid value: ${type}`));
  for (const field of ['firstTimestamp', 'lastTimestamp']) if (!zeroTime(coreField(event, field, true))) errors.push(fieldInvalid(field, '', 'needs to be unset'));
  const count = coreField(event, 'count', true);
  if (typeof count === 'number' && count !== 0) errors.push(fieldInvalid('count', '', 'needs to be unset'));
  const source = (coreField(event, 'source', true) ?? {}) as Json;
  if (text(source['component']) !== '' || text(source['host']) !== '') errors.push(fieldInvalid('source', '', 'needs to be unset'));
  return errors;
}

/** What an update through `events.k8s.io/v1` may not change, in ValidateEventUpdate's order (reason twice, as there). */
const IMMUTABLE_FIELDS = [
  'involvedObject',
  'reason',
  'message',
  'source',
  'firstTimestamp',
  'lastTimestamp',
  'count',
  'reason',
  'type',
  'eventTime',
  'action',
  'related',
  'reportingComponent',
  'reportingInstance',
];

/**
 * Hooks implementing the Event strategy (apiserver-semantics §14), as kube-apiserver validates
 * the core Event whatever the API, so that errors name the core fields (`message`, not `note`;
 * `involvedObject`, not `regarding`): every write passes the legacy checks (namespace agreement,
 * and with `eventTime` the reporting fields); creates through `events.k8s.io/v1` also need
 * `eventTime`, a `Normal`/`Warning` type, a valid series and no deprecated fields; updates
 * through `events.k8s.io/v1` may only change the series.
 */
export function eventHooks(): KindHooks {
  return {
    validate(object, old, kind) {
      const isEventsApi = kind.group === 'events.k8s.io';
      const errors = legacyErrors(object, isEventsApi);
      if (!isEventsApi) return errors;
      if (old === undefined) return [...errors, ...strictErrors(object)];
      if (!sameContent(object['series'], old['series'])) errors.push(...seriesErrors(object));
      for (const field of IMMUTABLE_FIELDS) {
        const next = coreField(object, field, true);
        if (!sameContent(next, coreField(old, field, true))) {
          errors.push(fieldInvalid(field === 'reportingComponent' ? 'reportingController' : field, next ?? '', 'field is immutable'));
        }
      }
      return errors;
    },
  };
}
