import type { Request, Response } from 'express';
import type { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { ReadLog } from '../audit/audit.service';
import { fieldMaskFor, type Actor } from '../auth/actor';
import type { FieldMask } from '../auth/field-mask';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { actorOf } from './actor';
import { RequestLoaders } from './loaders';
import type { Services } from '../services';

export interface RequestContext {
  req: Request;
  res: Response;
  db: DataSource;
  config: Config;
  logger: Logger;
  services: Services;
  /** Null when nobody is signed in. */
  actor: Actor | null;
  /** Why the user is looking, when the client says (header `x-purpose`); written to the consultation log. */
  purpose: string | null;
  readLog: ReadLog;
  fieldMask: FieldMask | null;
  loaders: RequestLoaders;
  /**
   * Set by the executor (graphql/executor.ts) while it runs an operation: the FORBIDDEN errors of denied cells that
   * resolved to null without one (the field guard's views, where the selection is known), which it adds to the
   * operation's errors. Unset, the views answer each denied cell's error themselves.
   */
  deniedCells?: GraphQLError[];
}

export function newRequestContext(base: Pick<RequestContext, 'req' | 'res' | 'db' | 'config' | 'logger' | 'services' | 'actor'>): RequestContext {
  const purposeHeader = base.req.get('x-purpose')?.trim();
  const context: RequestContext = {
    ...base,
    purpose: purposeHeader ? purposeHeader.slice(0, 200) : null,
    readLog: new ReadLog(),
    fieldMask: base.actor ? fieldMaskFor(base.actor) : null,
    loaders: new RequestLoaders(base.services, () => actorOf(context)),
  };
  return context;
}
