// /openapi/v2 in protobuf: the gnostic OpenAPIv2 Document message kubectl asks for first.
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { stringify } from 'yaml';

type Json = Record<string, unknown>;

/** The media type kubectl asks for, and the one the answer carries (kube-openapi's names). */
export const OPENAPI_V2_PROTOBUF_ACCEPT = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(writer: BinaryWriter, field: number, value: unknown): void {
  if (typeof value === 'string' && value !== '') writer.tag(field, WireType.LengthDelimited).string(value);
}

function message(writer: BinaryWriter, field: number, write: (w: BinaryWriter) => void): void {
  writer.tag(field, WireType.LengthDelimited).fork();
  write(writer);
  writer.join();
}

/** gnostic's `Any`: the value as YAML (what gnostic keeps of vendor extensions, enums and examples). */
function any(writer: BinaryWriter, field: number, value: unknown): void {
  message(writer, field, (w) => str(w, 2, stringify(value)));
}

/** Vendor extensions (`x-...`) as gnostic `NamedAny`s, in the document's order. */
function extensions(writer: BinaryWriter, field: number, object: Json): void {
  for (const [name, value] of Object.entries(object)) {
    if (name.startsWith('x-')) message(writer, field, (w) => {
      str(w, 1, name);
      any(w, 2, value);
    });
  }
}

function namedSchemas(writer: BinaryWriter, field: number, schemas: Json): void {
  message(writer, field, (w) => {
    for (const [name, schema] of Object.entries(schemas)) {
      message(w, 1, (entry) => {
        str(entry, 1, name);
        message(entry, 2, (s) => schemaMessage(s, isObject(schema) ? schema : {}));
      });
    }
  });
}

function double(writer: BinaryWriter, field: number, value: unknown): void {
  if (typeof value === 'number') writer.tag(field, WireType.Bit64).double(value);
}

function int64(writer: BinaryWriter, field: number, value: unknown): void {
  if (typeof value === 'number' && Number.isInteger(value)) writer.tag(field, WireType.Varint).int64(BigInt(value));
}

function bool(writer: BinaryWriter, field: number, value: unknown): void {
  if (value === true) writer.tag(field, WireType.Varint).bool(true);
}

/** gnostic's `Schema` (field numbers of OpenAPIv2.proto), fields in number order as Go marshals them. */
function schemaMessage(writer: BinaryWriter, schema: Json): void {
  str(writer, 1, schema['$ref']);
  str(writer, 2, schema['format']);
  str(writer, 3, schema['title']);
  str(writer, 4, schema['description']);
  if (schema['default'] !== undefined) any(writer, 5, schema['default']);
  double(writer, 6, schema['multipleOf']);
  double(writer, 7, schema['maximum']);
  bool(writer, 8, schema['exclusiveMaximum']);
  double(writer, 9, schema['minimum']);
  bool(writer, 10, schema['exclusiveMinimum']);
  int64(writer, 11, schema['maxLength']);
  int64(writer, 12, schema['minLength']);
  str(writer, 13, schema['pattern']);
  int64(writer, 14, schema['maxItems']);
  int64(writer, 15, schema['minItems']);
  bool(writer, 16, schema['uniqueItems']);
  int64(writer, 17, schema['maxProperties']);
  int64(writer, 18, schema['minProperties']);
  if (Array.isArray(schema['required'])) for (const name of schema['required']) writer.tag(19, WireType.LengthDelimited).string(String(name));
  if (Array.isArray(schema['enum'])) for (const value of schema['enum']) any(writer, 20, value);
  const additional = schema['additionalProperties'];
  if (isObject(additional)) message(writer, 21, (w) => message(w, 1, (s) => schemaMessage(s, additional)));
  else if (typeof additional === 'boolean') message(writer, 21, (w) => w.tag(2, WireType.Varint).bool(additional));
  const type = schema['type'];
  if (typeof type === 'string' || Array.isArray(type)) {
    message(writer, 22, (w) => {
      for (const t of Array.isArray(type) ? type : [type]) w.tag(1, WireType.LengthDelimited).string(String(t));
    });
  }
  const items = schema['items'];
  if (isObject(items) || Array.isArray(items)) {
    message(writer, 23, (w) => {
      for (const item of Array.isArray(items) ? items : [items]) message(w, 1, (s) => schemaMessage(s, isObject(item) ? item : {}));
    });
  }
  if (Array.isArray(schema['allOf'])) for (const part of schema['allOf']) message(writer, 24, (s) => schemaMessage(s, isObject(part) ? part : {}));
  if (isObject(schema['properties'])) namedSchemas(writer, 25, schema['properties']);
  if (schema['example'] !== undefined) any(writer, 30, schema['example']);
  extensions(writer, 31, schema);
}

/**
 * Encodes a Swagger 2.0 document (see `openApiV2Document`) as gnostic's `openapi_v2.Document`,
 * what kube-openapi's handler answers for `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`
 * and client-go's `OpenAPISchema()` unmarshals: swagger, info, paths, definitions (schemas with
 * `$ref`, type, format, description, required, properties, items, additionalProperties,
 * enums, bounds, and `x-` extensions as YAML `Any`s), security and security definitions.
 */
export function encodeOpenApiV2(document: Json): Uint8Array {
  const writer = new BinaryWriter();
  str(writer, 1, document['swagger']);
  const info = isObject(document['info']) ? document['info'] : {};
  message(writer, 2, (w) => {
    str(w, 1, info['title']);
    str(w, 2, info['version']);
    str(w, 3, info['description']);
  });
  message(writer, 8, () => undefined);
  if (isObject(document['definitions'])) namedSchemas(writer, 9, document['definitions']);
  for (const requirement of Array.isArray(document['security']) ? document['security'] : []) {
    if (!isObject(requirement)) continue;
    message(writer, 12, (w) => {
      for (const [name, scopes] of Object.entries(requirement)) {
        message(w, 1, (entry) => {
          str(entry, 1, name);
          message(entry, 2, (list) => {
            for (const scope of Array.isArray(scopes) ? scopes : []) list.tag(1, WireType.LengthDelimited).string(String(scope));
          });
        });
      }
    });
  }
  const security = isObject(document['securityDefinitions']) ? document['securityDefinitions'] : {};
  if (Object.keys(security).length > 0) {
    message(writer, 13, (w) => {
      for (const [name, definition] of Object.entries(security)) {
        const d = isObject(definition) ? definition : {};
        message(w, 1, (entry) => {
          str(entry, 1, name);
          // SecurityDefinitionsItem: oneof basic(1) | api_key(2) | oauth2...; ApiKeySecurity: type 1, name 2, in 3, description 4.
          message(entry, 2, (item) =>
            message(item, 2, (key) => {
              str(key, 1, d['type']);
              str(key, 2, d['name']);
              str(key, 3, d['in']);
              str(key, 4, d['description']);
            }),
          );
        });
      }
    });
  }
  return writer.finish();
}
