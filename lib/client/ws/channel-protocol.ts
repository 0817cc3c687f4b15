// The Kubernetes channel protocol over WebSockets (v5/v4.channel.k8s.io): channel numbers and frames.

/** The current protocol: adds channel 255 to close one stream (stdin EOF). */
export const V5_CHANNEL_PROTOCOL = 'v5.channel.k8s.io';
/** The previous protocol: the same channels, no way to close stdin alone. */
export const V4_CHANNEL_PROTOCOL = 'v4.channel.k8s.io';
/** What kube-rx offers, in order of preference. */
export const CHANNEL_PROTOCOLS = [V5_CHANNEL_PROTOCOL, V4_CHANNEL_PROTOCOL] as const;
/** A negotiated channel protocol. */
export type ChannelProtocol = (typeof CHANNEL_PROTOCOLS)[number];

/** Channel numbers of exec and attach. */
export const Channel = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  /** The `Status` of the process, as JSON, once it ends. */
  error: 3,
  /** Terminal size, as JSON `{"Width":80,"Height":24}` (tty only). */
  resize: 4,
  /** v5 only: `[255, n]` closes the client's side of channel `n`. */
  close: 255,
} as const;

/** One binary frame: the channel byte, then the data. */
export function encodeFrame(channel: number, data: Uint8Array | string = new Uint8Array()): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const frame = Buffer.allocUnsafe(payload.length + 1);
  frame[0] = channel;
  frame.set(payload, 1);
  return frame;
}

/** A received frame's channel and data, or `undefined` for an empty message. */
export function decodeFrame(message: Buffer): { channel: number; data: Buffer } | undefined {
  if (message.length === 0) return undefined;
  return { channel: message[0] as number, data: message.subarray(1) };
}
