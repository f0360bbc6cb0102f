import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { authChecker } from '../auth/auth-checker';
import { AuthResolver } from '../auth/auth.resolver';
import { fieldGuard } from '../auth/field-guard';
import { CustomerConnectionResolver, CustomersResolver } from '../modules/customers/customers.resolver';
import { PartnersResolver } from '../modules/partners/partners.resolver';
import { UsersResolver } from '../modules/users/users.resolver';

export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  CustomersResolver,
  CustomerConnectionResolver,
  UsersResolver,
  PartnersResolver,
  AuditResolver,
];

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    globalMiddlewares: [fieldGuard],
    validate: { forbidUnknownValues: false },
  });
}
