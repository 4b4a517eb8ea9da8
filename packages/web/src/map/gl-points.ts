/**
 * Draws a vehicle batch (vehicle-batch.ts) as round points with a stroke — a small WebGL2
 * program for the vehicle layer's MapLibre custom layer. Positions are mercator offsets from the
 * batch's origin; the origin is folded into the matrix here in float64, so the GPU only sees
 * small float32 offsets.
 */
import { ITEM_BYTES } from './vehicle-batch.js';

const VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform float u_ratio;
in vec2 a_pos;
in vec4 a_fill;
in vec4 a_stroke;
in vec2 a_size;
out vec4 v_fill;
out vec4 v_stroke;
out float v_radius;
out float v_outer;
out float v_box;
void main() {
  gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0);
  v_fill = a_fill;
  v_stroke = a_stroke;
  v_radius = a_size.x * u_ratio;
  v_outer = (a_size.x + a_size.y) * u_ratio;
  // One device pixel of margin for the antialiased edge.
  v_box = 2.0 * v_outer + 2.0;
  gl_PointSize = v_box;
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_fill;
in vec4 v_stroke;
in float v_radius;
in float v_outer;
in float v_box;
out vec4 colour;
void main() {
  float d = length(gl_PointCoord - 0.5) * v_box;
  float edge = clamp(v_outer + 0.5 - d, 0.0, 1.0);
  if (edge <= 0.0) discard;
  vec4 c = mix(v_stroke, v_fill, clamp(v_radius + 0.5 - d, 0.0, 1.0));
  // MapLibre blends premultiplied colours.
  colour = vec4(c.rgb * c.a, c.a) * edge;
}`;

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const s = gl.createShader(type);
  if (!s) throw new Error('vehicle layer: no shader');
  gl.shaderSource(s, source);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS))
    throw new Error(`vehicle layer: ${gl.getShaderInfoLog(s)}`);
  return s;
}

/**
 * A point buffer and its program. Create, upload and draw only inside the map's render: MapLibre
 * caches GL bindings and resets its cache after a custom layer's render, not elsewhere.
 */
export class GlPoints {
  private readonly program: WebGLProgram;
  private readonly buffer: WebGLBuffer;
  private readonly vao: WebGLVertexArrayObject;
  private readonly uMatrix: WebGLUniformLocation | null;
  private readonly uRatio: WebGLUniformLocation | null;
  private count = 0;
  private originX = 0;
  private originY = 0;

  constructor(private readonly gl: WebGL2RenderingContext) {
    const program = gl.createProgram();
    const buffer = gl.createBuffer();
    const vao = gl.createVertexArray();
    if (!program || !buffer || !vao) throw new Error('vehicle layer: no WebGL resources');
    gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS))
      throw new Error(`vehicle layer: ${gl.getProgramInfoLog(program)}`);
    this.program = program;
    this.buffer = buffer;
    this.vao = vao;
    this.uMatrix = gl.getUniformLocation(program, 'u_matrix');
    this.uRatio = gl.getUniformLocation(program, 'u_ratio');
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    const attr = (name: string, size: number, type: number, normalized: boolean, offset: number) => {
      const at = gl.getAttribLocation(program, name);
      gl.enableVertexAttribArray(at);
      gl.vertexAttribPointer(at, size, type, normalized, ITEM_BYTES, offset);
    };
    attr('a_pos', 2, gl.FLOAT, false, 0);
    attr('a_fill', 4, gl.UNSIGNED_BYTE, true, 8);
    attr('a_stroke', 4, gl.UNSIGNED_BYTE, true, 12);
    attr('a_size', 2, gl.UNSIGNED_BYTE, false, 16);
    gl.bindVertexArray(null);
  }

  /** Replaces the points (items: count × ITEM_BYTES, see vehicle-batch.ts). */
  upload(items: ArrayBuffer, count: number, originX: number, originY: number): void {
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffer);
    gl.bufferData(gl.ARRAY_BUFFER, items, gl.DYNAMIC_DRAW);
    this.count = count;
    this.originX = originX;
    this.originY = originY;
  }

  /** matrix: MapLibre's mercator (0..1) → clip space matrix; ratio: device pixels per CSS px. */
  draw(matrix: ArrayLike<number>, ratio: number): void {
    if (this.count === 0) return;
    const gl = this.gl;
    gl.useProgram(this.program);
    gl.uniformMatrix4fv(this.uMatrix, false, translated(matrix, this.originX, this.originY));
    gl.uniform1f(this.uRatio, ratio);
    gl.disable(gl.DEPTH_TEST);
    gl.disable(gl.STENCIL_TEST);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.POINTS, 0, this.count);
    gl.bindVertexArray(null);
  }

  dispose(): void {
    this.gl.deleteBuffer(this.buffer);
    this.gl.deleteVertexArray(this.vao);
    this.gl.deleteProgram(this.program);
  }
}

/** m × translate(x, y, 0) (column-major), in float64 before the float32 upload. */
export function translated(m: ArrayLike<number>, x: number, y: number): Float32Array {
  const out = Float32Array.from(m as ArrayLike<number>);
  for (let r = 0; r < 4; r++) out[12 + r] = m[r]! * x + m[4 + r]! * y + m[12 + r]!;
  return out;
}
