import type { Edition, Header } from '../header.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

/** One message id: decodes a body (the reader ends where the body ends) and encodes one. */
export interface MessageCodec<M extends { type: string }> {
  id: number;
  type: M['type'];
  decode(r: Reader, header: Header): M;
  encode(w: Writer, message: M, edition: Edition): void;
}
