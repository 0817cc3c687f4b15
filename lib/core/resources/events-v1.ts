// Descriptors for events.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { Event as EventObject } from 'kubernetes-types/events/v1.js';
import { builtin } from './builtin.js';

/** `events.k8s.io/v1` Event. */
export type EventsV1Event = EventObject;
/** The descriptor (`ResourceType`) of `events.k8s.io/v1` Event. */
export const EventsV1Event = builtin<EventsV1Event>()('events.k8s.io', 'v1', 'Event');
