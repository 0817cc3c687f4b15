// Raised when bytes are not a Kubernetes protobuf message, or an object has no protobuf form.
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';

/**
 * Why protobuf decoding or encoding failed:
 * - `NotProtobuf`: the bytes lack the `k8s\0` prefix or the envelope is empty.
 * - `MalformedMessage`: a truncated field, a wrong wire type, a value the Go type cannot hold
 *   (worded like Go's generated unmarshalers: `unexpected EOF`, `proto: wrong wireType = 0 for field name`).
 * - `TooDeep`: messages nested deeper than the decoder allows.
 * - `UnknownKind`: the envelope names a kind with no protobuf message (`no kind "X" is registered ...`).
 * - `NotEncodable`: an object without a protobuf form (custom resources, Table): the server answers in JSON or 406.
 *
 * The server turns the first four into a 400 BadRequest Status for request bodies.
 */
export type ProtobufErrorReason = 'NotProtobuf' | 'MalformedMessage' | 'TooDeep' | 'UnknownKind' | 'NotEncodable';

/**
 * A protobuf body that could not be decoded, or an object that cannot be encoded.
 *
 * ## Example
 * ```ts
 * try {
 *   decodeProtobufObject(body);
 * } catch (error) {
 *   if (isProtobufError(error)) throw badRequest(error.message);
 * }
 * ```
 */
export class ProtobufError extends KubeError<ProtobufErrorReason> {
  override name = 'ProtobufError' as const;
  /** The object's type when the envelope was read before the failure (kube-apiserver then names it in its message). */
  readonly typeMeta: { readonly apiVersion: string; readonly kind: string } | undefined;

  constructor(reason: ProtobufErrorReason, message: string, options?: ErrorOptions & { typeMeta?: { apiVersion: string; kind: string } }) {
    super(reason, message, options);
    this.typeMeta = options?.typeMeta;
  }
}

/** `instanceof ProtobufError` that also holds across two copies of this package (the KubeError brand, then the name). */
export function isProtobufError(error: unknown): error is ProtobufError {
  return isKubeErrorNamed<ProtobufError>(error, 'ProtobufError');
}
