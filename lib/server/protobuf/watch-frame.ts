// One event of a protobuf watch stream: a length-prefixed metav1.WatchEvent.
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/**
 * One frame of `application/vnd.kubernetes.protobuf;stream=watch`, as kube-apiserver writes it:
 * a 4-byte big-endian length, then a `metav1.WatchEvent{type, object: RawExtension{raw}}` without
 * prefix or envelope, whose `raw` is the object's own `k8s\0` encoding (apimachinery's
 * LengthDelimitedFramer around the raw protobuf serializer).
 */
export function encodeWatchFrame(type: string, object: Uint8Array): Uint8Array {
  const writer = new BinaryWriter();
  writer.tag(1, WireType.LengthDelimited).string(type);
  writer.tag(2, WireType.LengthDelimited).fork();
  writer.tag(1, WireType.LengthDelimited).bytes(object);
  writer.join();
  const event = writer.finish();
  const frame = new Uint8Array(4 + event.length);
  new DataView(frame.buffer).setUint32(0, event.length, false);
  frame.set(event, 4);
  return frame;
}
