import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DataSource, type FieldProvenance as FieldProvenanceModel, type Provenance } from './provenance.model';

export { DataSource };
registerEnumType(DataSource, { name: 'DataSource', description: 'Where personal data came from (P7).' });

@ObjectType({ description: 'Where the current value of one field came from, and when (P7).' })
export class FieldProvenance implements FieldProvenanceModel {
  @Field() field: string;
  @Field(() => DataSource) source: DataSource;
  @Field(() => String, { nullable: true, description: 'Which store, reseller or update service.' }) detail: string | null;
  @Field(() => GraphQLDateTimeISO) recordedAt: Date;
  @Field(() => String, { nullable: true, description: 'The user who entered it, if a person did.' }) recordedBy: string | null;
}

@InputType({ description: 'Where the values of a write came from (P7). Defaults to STAFF_ENTRY.' })
export class ProvenanceInput implements Provenance {
  @Field(() => DataSource) source: DataSource;
  @Field(() => String, { nullable: true }) @MaxLength(200) detail?: string | null;
}
