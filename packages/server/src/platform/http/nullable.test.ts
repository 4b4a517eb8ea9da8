import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { nullableUnions, Nullable } from './nullable.js';

describe('nullableUnions', () => {
  it('rewrites [S, null] over a coercible type, either order, keeping S and the outer description', () => {
    const schema = Type.Object({
      n: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'count' }),
      s: Type.Union([Type.Null(), Type.String({ maxLength: 3 })]),
      a: Type.Union([Type.Array(Type.String({ minLength: 1 })), Type.Null()]),
    });
    const out = nullableUnions(schema) as unknown as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(out.properties.n).toMatchObject({
      type: 'integer',
      minimum: 1,
      nullable: true,
      description: 'count',
    });
    expect(out.properties.n).not.toHaveProperty('anyOf');
    expect(out.properties.s).toMatchObject({ type: 'string', maxLength: 3, nullable: true });
    expect(out.properties.a).toMatchObject({
      type: 'array',
      nullable: true,
      items: { type: 'string', minLength: 1 },
    });
  });

  it('reaches nested objects and array items, and leaves the input and other unions alone', () => {
    const inner = Type.Object({ at: Type.Union([Type.Number(), Type.Null()]) });
    const schema = Type.Object({
      list: Type.Array(inner),
      either: Type.Union([Type.String(), Type.Integer()]),
      three: Type.Union([Type.Literal('a'), Type.Literal('b'), Type.Null()]),
      obj: Type.Union([Type.Object({}), Type.Null()]),
    });
    const before = JSON.stringify(schema);
    const out = nullableUnions(schema) as unknown as {
      properties: Record<
        'list' | 'either' | 'three' | 'obj',
        { items?: { properties: Record<string, unknown> }; anyOf?: unknown[] }
      >;
    };
    expect(out.properties.list.items?.properties.at).toMatchObject({ type: 'number', nullable: true });
    expect(out.properties.either.anyOf).toHaveLength(2);
    expect(out.properties.three.anyOf).toHaveLength(3);
    expect(out.properties.obj.anyOf).toHaveLength(2); // objects are never coerced from null
    expect(JSON.stringify(schema)).toBe(before);
    expect(out.properties.either).toBe(schema.properties.either);
  });

  it('returns the same object when nothing changes', () => {
    const schema = Type.Object({ a: Type.String(), b: Type.Array(Type.Integer()) });
    expect(nullableUnions(schema)).toBe(schema);
  });

  it('Nullable builds the same shape directly', () => {
    expect(Nullable(Type.Integer({ maximum: 9 }))).toMatchObject({
      type: 'integer',
      maximum: 9,
      nullable: true,
    });
  });
});
