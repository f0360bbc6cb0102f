import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  type ComplianceReport as ComplianceReportModel,
  type CompliancePromise as CompliancePromiseModel,
  type ComplianceRun as ComplianceRunModel,
  type ComplianceTest as ComplianceTestModel,
  type ComplianceTestRun as ComplianceTestRunModel,
  type ComplianceUnknownTag as ComplianceUnknownTagModel,
  PromiseStatus,
  TestOutcome,
} from './compliance.model';

registerEnumType(PromiseStatus, {
  name: 'PromiseStatus',
  description: 'PROVEN: a test names the promise and every such test passed. FAILING: one failed in some run. NOT_PROVEN: no test names it.',
});
registerEnumType(TestOutcome, { name: 'TestOutcome', description: 'FAILED if the test failed in any run; SKIPPED proves nothing.' });

@ObjectType({ description: 'One run of the test suite (CI runs it on the embedded PostgreSQL and on a server).' })
export class ComplianceRun implements ComplianceRunModel {
  @Field() name: string;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) startedAt: Date | null;
  @Field(() => Int) passed: number;
  @Field(() => Int) failed: number;
}

@ObjectType()
export class ComplianceTestRun implements ComplianceTestRunModel {
  @Field() run: string;
  @Field(() => TestOutcome) outcome: TestOutcome;
}

@ObjectType({ description: 'A test that names a promise, and how it went in each run.' })
export class ComplianceTest implements ComplianceTestModel {
  @Field({ description: 'The test file, from the repository root.' }) file: string;
  @Field({ description: 'Its describe blocks and title.' }) name: string;
  @Field(() => TestOutcome) outcome: TestOutcome;
  @Field(() => [ComplianceTestRun]) runs: ComplianceTestRun[];
}

@ObjectType({ description: 'A promise of the privacy notice and its proof.' })
export class CompliancePromise implements CompliancePromiseModel {
  @Field({ description: 'P1 … P18.' }) id: string;
  @Field({ description: 'What the notice promises (English summary; the Finnish notice is authoritative).' }) promise: string;
  @Field({ description: 'What the system must do to keep it.' }) requirement: string;
  @Field(() => PromiseStatus) status: PromiseStatus;
  @Field(() => [ComplianceTest]) tests: ComplianceTest[];
  @Field(() => [String], { description: 'The modules that enforce it: those whose tests prove it and whose code cites it.' }) modules: string[];
}

@ObjectType()
export class ComplianceSummary {
  @Field(() => Int) proven: number;
  @Field(() => Int) notProven: number;
  @Field(() => Int) failing: number;
}

@ObjectType({ description: 'A test naming a promise the notice does not have.' })
export class ComplianceUnknownTag implements ComplianceUnknownTagModel {
  @Field() id: string;
  @Field() file: string;
  @Field() name: string;
}

@ObjectType('ComplianceReport', { description: 'The compliance report of the running build: each promise of the notice and the tests that prove it.' })
export class ComplianceReport implements ComplianceReportModel {
  @Field(() => GraphQLDateTimeISO, { nullable: true }) generatedAt: Date;
  @Field(() => String, { nullable: true, description: 'The commit the tests ran on.' }) commit: string | null;
  @Field(() => [ComplianceRun], { nullable: true }) runs: ComplianceRun[];
  @Field(() => ComplianceSummary, { nullable: true }) summary: ComplianceSummary;
  @Field(() => [CompliancePromise], { nullable: true }) promises: CompliancePromise[];
  @Field(() => [ComplianceUnknownTag], { nullable: true }) unknownTags: ComplianceUnknownTag[];
}
