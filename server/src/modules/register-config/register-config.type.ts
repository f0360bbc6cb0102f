import { IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { RegisterConfig as RegisterConfigModel, RegisterConfigChange } from './register-config.model';

@ObjectType('RegisterConfig', {
  description: 'P18: the register configuration the privacy notice, the record of processing and every letter are made of.',
})
export class RegisterConfig {
  @Field(() => String, { nullable: true }) controllerName: string | null;
  @Field(() => String, { nullable: true, description: 'Business ID (Y-tunnus).' }) controllerBusinessId: string | null;
  @Field(() => String, { nullable: true, description: 'One line per line.' }) controllerAddress: string | null;
  @Field(() => String, { nullable: true, description: 'E.164.' }) controllerPhone: string | null;
  @Field(() => String, { nullable: true }) controllerEmail: string | null;
  @Field(() => String, { nullable: true, description: 'The contact person for matters of the register.' }) contactName: string | null;
  @Field(() => String, { nullable: true }) contactAddress: string | null;
  @Field(() => String, { nullable: true }) contactPhone: string | null;
  @Field(() => String, { nullable: true }) contactEmail: string | null;
  @Field(() => String, { nullable: true, description: 'The person responsible for the register, who signs certificates.' }) signerName: string | null;
  @Field(() => String, { nullable: true }) signerTitle: string | null;
  @Field(() => Int, { nullable: true }) inactiveCustomerMonths: number;
  @Field(() => Int, { nullable: true }) auditLogMonths: number;
  @Field(() => Int, { nullable: true }) consultationLogMonths: number;
  @Field(() => Int, { nullable: true }) webEventDays: number;
  @Field(() => Int, { nullable: true }) version: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt: Date;
  @Field(() => String, { nullable: true, description: 'The id of the user who changed it last.' }) updatedBy: string | null;

  static from(c: RegisterConfigModel): RegisterConfig {
    return Object.assign(new RegisterConfig(), {
      controllerName: c.controller.name,
      controllerBusinessId: c.controller.businessId,
      controllerAddress: c.controller.address,
      controllerPhone: c.controller.phone,
      controllerEmail: c.controller.email,
      contactName: c.contact.name,
      contactAddress: c.contact.address,
      contactPhone: c.contact.phone,
      contactEmail: c.contact.email,
      signerName: c.signer.name,
      signerTitle: c.signer.title,
      ...c.retention,
      version: c.version,
      updatedAt: c.updatedAt,
      updatedBy: c.updatedBy,
    });
  }
}

const text = (max: number) => [Field(() => String, { nullable: true }), IsOptional(), MaxLength(max)];
const apply =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };

@InputType({ description: 'A field left out keeps its value; an empty text clears it.' })
export class RegisterConfigInput implements RegisterConfigChange {
  @apply(...text(200)) controllerName?: string | null;
  @apply(...text(20)) controllerBusinessId?: string | null;
  @apply(...text(300)) controllerAddress?: string | null;
  @apply(...text(40)) controllerPhone?: string | null;
  @apply(...text(254)) controllerEmail?: string | null;
  @apply(...text(200)) contactName?: string | null;
  @apply(...text(300)) contactAddress?: string | null;
  @apply(...text(40)) contactPhone?: string | null;
  @apply(...text(254)) contactEmail?: string | null;
  @apply(...text(200)) signerName?: string | null;
  @apply(...text(200)) signerTitle?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() inactiveCustomerMonths?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() auditLogMonths?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() consultationLogMonths?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() webEventDays?: number | null;
}
