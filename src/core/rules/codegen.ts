import type { CodeConstants } from './operator-code.js';

/**
 * Builds a plain function from generated source. Rules are compiled once per
 * run; `new Function` is allowed in Apps Script's V8 runtime and in node:vm
 * contexts. Constants (helpers, Sets) are passed in, never spliced into source.
 */
export class FunctionBuilder implements CodeConstants {
  private readonly constants: unknown[] = [];

  add(value: unknown): string {
    const at = this.constants.indexOf(value);
    if (at >= 0) return `K[${at}]`;
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  build<F>(params: string[], body: string): F {
    const make = new Function('K', `'use strict'; return function (${params.join(', ')}) {\n${body}\n};`) as (k: unknown[]) => F;
    return make(this.constants);
  }
}
