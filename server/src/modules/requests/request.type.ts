import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLJSON, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { GraphQLCents, GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { ContactChannel, ProhibitionKind } from '../prohibitions/prohibition.type';
import {
  AddresseeKind,
  ErasureAction,
  ErasureItemState,
  HoldReason,
  IdentityMethod,
  NoticeKind,
  NoticeStatus,
  NoticeTarget,
  PrivacyDocumentKind,
  PrivacyRequestStatus,
  PrivacyRequestType,
  RequestLanguage,
  RequestReceivedVia,
  type RetainedVoucher as RetainedVoucherModel,
  type AccessPackage as AccessPackageModel,
  type DeadlineExtension,
  type ErasureItem as ErasureItemModel,
  type ErasurePlan as ErasurePlanModel,
  type IdentityVerification,
  type NewPrivacyRequest,
  type PrivacyDocument as PrivacyDocumentModel,
  type PrivacyRequest as PrivacyRequestModel,
  type PrivacyRequestEvent as PrivacyRequestEventModel,
  type PrivacyRequestFilter as PrivacyRequestFilterModel,
  type PrivacyRequestPage,
  type RectificationDecision,
  type RectificationItem as RectificationItemModel,
  type RectificationItemEntry,
  type RectificationNotice as RectificationNoticeModel,
  type RequestAgeBucket as RequestAgeBucketModel,
  type RequestedProhibition as RequestedProhibitionModel,
  type RequestedProhibitionEntry,
  type StaffMember as StaffMemberModel,
} from './request.model';

export {
  AddresseeKind,
  ErasureAction,
  ErasureItemState,
  HoldReason,
  IdentityMethod,
  NoticeKind,
  NoticeStatus,
  NoticeTarget,
  PrivacyDocumentKind,
  PrivacyRequestStatus,
  PrivacyRequestType,
  RequestLanguage,
  RequestReceivedVia,
};

registerEnumType(PrivacyRequestType, { name: 'PrivacyRequestType' });
registerEnumType(PrivacyRequestStatus, { name: 'PrivacyRequestStatus' });
registerEnumType(RequestReceivedVia, { name: 'RequestReceivedVia' });
registerEnumType(RequestLanguage, { name: 'RequestLanguage', description: 'The language the requester is answered in.' });
registerEnumType(IdentityMethod, { name: 'IdentityMethod' });
registerEnumType(ErasureAction, { name: 'ErasureAction' });
registerEnumType(HoldReason, { name: 'HoldReason' });
registerEnumType(ErasureItemState, { name: 'ErasureItemState' });
registerEnumType(NoticeStatus, { name: 'NoticeStatus' });
registerEnumType(NoticeTarget, { name: 'NoticeTarget', description: 'Who a rectification notice goes to (GDPR 19).' });
registerEnumType(PrivacyDocumentKind, { name: 'PrivacyDocumentKind' });
registerEnumType(AddresseeKind, { name: 'AddresseeKind', description: 'Whom a document is addressed to: the requester, or a recipient of their data.' });
registerEnumType(NoticeKind, { name: 'NoticeKind', description: 'What a notice tells a recipient (GDPR 19): a rectification, an erasure or a restriction.' });

@ObjectType({ description: 'A member of staff, as a request shows them.' })
export class StaffMember implements StaffMemberModel {
  @Field(() => ID) id: string;
  @Field() username: string;
  @Field() displayName: string;
}

@ObjectType()
export class PrivacyRequestEvent implements PrivacyRequestEventModel {
  @Field(() => GraphQLDateTimeISO) at: Date;
  @Field({ description: 'CREATED, ASSIGNED, IDENTITY_VERIFIED, STATUS, EXTENDED, DECIDED, PLANNED, EXECUTED, HOLD_LAPSED, DOCUMENT, ...' })
  kind: string;
  @Field(() => PrivacyRequestStatus, { nullable: true }) fromStatus: PrivacyRequestStatus | null;
  @Field(() => PrivacyRequestStatus, { nullable: true }) toStatus: PrivacyRequestStatus | null;
  @Field(() => String, { nullable: true, description: 'Who did it; null when the system did.' }) actor: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) detail: unknown;
}

@ObjectType({ description: 'P16: one correction asked for, and the decision on it.' })
export class RectificationItem implements RectificationItemModel {
  @Field(() => ID) id: string;
  @Field() field: string;
  @Field(() => String, { nullable: true, description: 'The value when the request was taken in.' }) currentValue: string | null;
  @Field() proposedValue: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'APPROVED or REFUSED; null until decided.' }) decision: string | null;
  @Field(() => String, { nullable: true }) decisionReason: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) decidedAt: Date | null;
}

@ObjectType({
  description: 'GDPR 19: a correction told to the source of the old value or to a recipient of it; an erasure or a restriction told to a recipient.',
})
export class RectificationNotice implements RectificationNoticeModel {
  @Field(() => ID) id: string;
  @Field(() => NoticeKind) kind: NoticeKind;
  @Field(() => ID, { nullable: true, description: 'The corrected item (RECTIFICATION only).' }) itemId: string | null;
  @Field(() => String, { nullable: true, description: 'The corrected field (RECTIFICATION only).' }) field: string | null;
  @Field(() => NoticeTarget) target: NoticeTarget;
  @Field({ description: "The recipient's name, or the data source for a SOURCE notice." }) recipient: string;
  @Field(() => ID, { nullable: true }) recipientId: string | null;
  @Field(() => NoticeStatus) status: NoticeStatus;
  @Field(() => String, { nullable: true }) statusReason: string | null;
  @Field(() => ID, { nullable: true, description: 'The letter that tells the recipient (a document of the request).' }) documentId: string | null;
  @Field(() => GraphQLDateTimeISO) updatedAt: Date;
}

@ObjectType({ description: 'P10: a voucher kept for the Accounting Act after its buyer was erased: the buyer as invoiced, linked to no profile.' })
export class RetainedVoucher implements RetainedVoucherModel {
  @Field(() => ID) invoiceId: string;
  @Field() invoiceNumber: string;
  @Field(() => GraphQLLocalDate) issuedAt: string;
  @Field(() => GraphQLCents) amountCents: number;
  @Field() buyerName: string;
  @Field(() => String, { nullable: true }) organisation: string | null;
  @Field(() => String, { nullable: true }) street: string | null;
  @Field(() => String, { nullable: true }) postalCode: string | null;
  @Field(() => String, { nullable: true }) city: string | null;
  @Field(() => String, { nullable: true }) country: string | null;
  @Field(() => GraphQLLocalDate, { description: 'The last day it is kept (Kirjanpitolaki 2:10); then the buyer is erased.' }) retainedUntil: string;
}

@ObjectType({ description: 'P10, P17: what erasure does to one table (or one group of rows in it).' })
export class ErasureItem implements ErasureItemModel {
  @Field(() => ID) id: string;
  @Field() table: string;
  @Field(() => ErasureAction) action: ErasureAction;
  @Field(() => HoldReason, { nullable: true }) reason: HoldReason | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'For ACCOUNTING_RETENTION: the last day it is kept.' })
  until: string | null;
  @Field(() => Int) rowCount: number;
  @Field(() => [String], { description: 'The fields erased or replaced.' }) fields: string[];
  @Field(() => ErasureItemState) state: ErasureItemState;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) doneAt: Date | null;
}

@ObjectType('PrivacyDocument', { description: 'A document of a request, stored with its SHA-256. Download at /documents/{id}.' })
export class PrivacyDocument implements PrivacyDocumentModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => PrivacyDocumentKind, { nullable: true }) kind: PrivacyDocumentKind;
  @Field(() => RequestLanguage, { nullable: true }) language: RequestLanguage;
  @Field(() => String, { nullable: true }) filename: string;
  @Field(() => String, { nullable: true }) sha256: string;
  @Field(() => Int, { nullable: true }) byteSize: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => AddresseeKind, { nullable: true }) addresseeKind: AddresseeKind;
  @Field(() => String, { nullable: true }) addresseeName: string;
}

@ObjectType({ description: 'A prohibition asked for in an objection.' })
export class RequestedProhibition implements RequestedProhibitionModel {
  @Field(() => ProhibitionKind) kind: ProhibitionKind;
  @Field(() => ContactChannel, { nullable: true }) channel: ContactChannel | null;
}

@ObjectType('PrivacyRequest', { description: "A data subject's request, worked by privacy officers within its deadline." })
export class PrivacyRequest implements PrivacyRequestModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true, description: 'Human-readable reference, e.g. for letters.' }) requestNumber: string;
  @Field(() => PrivacyRequestType, { nullable: true }) type: PrivacyRequestType;
  @Field(() => PrivacyRequestStatus, { nullable: true }) status: PrivacyRequestStatus;
  customerId: string | null;
  @Field(() => Customer, { nullable: true }) customer?: Customer | null;
  @Field(() => String, { nullable: true }) requesterName: string;
  @Field(() => String, { nullable: true }) requesterContact: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) receivedAt: Date;
  @Field(() => RequestReceivedVia, { nullable: true }) receivedVia: RequestReceivedVia;
  @Field(() => RequestLanguage, { nullable: true }) language: RequestLanguage;
  @Field(() => Boolean, { nullable: true }) signed: boolean;
  @Field(() => String, { nullable: true, description: 'P11: where the signed paper original is kept.' })
  paperOriginalLocation: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'GDPR 12(3): one month from receipt, unless extended.' })
  dueAt: Date;
  @Field(() => Boolean, { nullable: true }) extended: boolean;
  @Field(() => Int, { nullable: true, description: 'Calendar days to the deadline; negative when overdue; null when closed.' })
  daysLeft: number | null;
  @Field(() => Boolean, { nullable: true }) overdue: boolean;
  duplicateOfId: string | null;
  @Field(() => PrivacyRequest, { nullable: true, description: 'The request of the same type for the same customer that was open when this one came in.' })
  duplicateOf?: PrivacyRequest | null;
  @Field(() => [RequestedProhibition], { nullable: true, description: 'OBJECTION: the prohibitions asked for.' })
  requestedProhibitions: RequestedProhibition[] | null;
  @Field(() => Boolean, { nullable: true }) identityVerified: boolean;
  assigneeId: string | null;
  @Field(() => StaffMember, { nullable: true }) assignee?: StaffMember | null;
  @Field(() => [RectificationItem], { nullable: true }) items?: RectificationItem[];
  @Field(() => [RectificationNotice], { nullable: true }) notices?: RectificationNotice[];
  @Field(() => [ErasureItem], { nullable: true }) erasurePlan?: ErasureItem[];
  @Field(() => [PrivacyDocument], { nullable: true }) documents?: PrivacyDocument[];
  @Field(() => [RetainedVoucher], { nullable: true, description: 'P10: vouchers kept after an erasure, with their buyers. Privacy officers only.' })
  retainedVouchers?: RetainedVoucher[];
  @Field(() => [PrivacyRequestEvent], { nullable: true }) events?: PrivacyRequestEvent[];
  @Field(() => Int, { nullable: true }) version: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) closedAt: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the answer was sent (by e-mail, or marked sent by hand).' })
  answeredAt: Date | null;
  @Field({ description: 'Closed, but its answer waits in the outbox: the deadline still runs.' }) awaitingDelivery: boolean;
}

@ObjectType()
export class PrivacyRequestEdge {
  @Field() cursor: string;
  @Field(() => PrivacyRequest) node: PrivacyRequest;
}

@ObjectType()
export class PrivacyRequestConnection implements PrivacyRequestPage {
  @Field(() => [PrivacyRequestEdge]) edges: PrivacyRequestEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType({ description: 'Open requests by how long ago they came in.' })
export class RequestAgeBucket implements RequestAgeBucketModel {
  @Field({ description: 'e.g. 0-7, 8-14, 15-30, 31+ (days since receipt).' }) label: string;
  @Field(() => Int) count: number;
  @Field(() => Int) overdue: number;
}

@ObjectType({ description: 'P14: everything the register holds about a person, machine-readable and printable.' })
export class AccessPackage implements AccessPackageModel {
  @Field({ description: 'The package as JSON (also serves portability, GDPR 20).' }) json: string;
  @Field({ description: "A printable HTML document in the request's language." }) html: string;
  @Field(() => PrivacyDocument) jsonDocument: PrivacyDocument;
  @Field(() => PrivacyDocument) htmlDocument: PrivacyDocument;
  @Field(() => PrivacyRequest) request: PrivacyRequest;
}

@ObjectType({ description: 'P10, P17: the erasure plan of a request and where it stands.' })
export class ErasurePlan implements ErasurePlanModel {
  @Field(() => [ErasureItem]) items: ErasureItem[];
  @Field(() => PrivacyRequest) request: PrivacyRequest;
}

@InputType()
export class RectificationItemInput implements RectificationItemEntry {
  @Field({ description: 'A customer field: firstName, lastName, email, phone, street, postalCode, city, country or language.' })
  field: string;
  @Field() @MaxLength(500) proposedValue: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) reason?: string | null;
}

@InputType()
export class RequestedProhibitionInput implements RequestedProhibitionEntry {
  @Field(() => ProhibitionKind) kind: ProhibitionKind;
  @Field(() => ContactChannel, { nullable: true }) @IsOptional() channel?: ContactChannel | null;
}

@InputType()
export class CreatePrivacyRequestInput implements NewPrivacyRequest {
  @Field(() => PrivacyRequestType) type: PrivacyRequestType;
  @Field(() => GraphQLUUID, { nullable: true, description: 'The customer, when known.' }) @IsOptional() customerId?: string | null;
  @Field() @MaxLength(200) requesterName: string;
  @Field(() => String, { nullable: true, description: 'How to reach the requester: address, email or phone.' })
  @IsOptional()
  @MaxLength(500)
  requesterContact?: string | null;
  @Field(() => RequestReceivedVia) receivedVia: RequestReceivedVia;
  @Field(() => RequestLanguage) language: RequestLanguage;
  @Field(() => Boolean, { defaultValue: false }) signed: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it came in; now if not given.' })
  @IsOptional()
  receivedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'P11: where the signed paper original is kept.' })
  @IsOptional()
  @MaxLength(500)
  paperOriginalLocation?: string | null;
  @Field(() => [RectificationItemInput], { nullable: true, description: 'RECTIFICATION: what to correct.' })
  @IsOptional()
  @ArrayMaxSize(20)
  items?: RectificationItemInput[] | null;
  @Field(() => [RequestedProhibitionInput], { nullable: true, description: 'OBJECTION: the prohibitions asked for.' })
  @IsOptional()
  @ArrayMaxSize(20)
  prohibitions?: RequestedProhibitionInput[] | null;
}

@InputType()
export class PrivacyRequestFilter implements PrivacyRequestFilterModel {
  @Field(() => [PrivacyRequestStatus], { nullable: true }) @IsOptional() status?: PrivacyRequestStatus[] | null;
  @Field(() => [PrivacyRequestType], { nullable: true }) @IsOptional() type?: PrivacyRequestType[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Only open (true) or only closed (false) requests.' })
  @IsOptional()
  open?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Only overdue open requests.' }) @IsOptional() overdue?: boolean | null;
  @Field(() => GraphQLUUID, { nullable: true }) @IsOptional() assigneeId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only requests with no assignee.' }) @IsOptional() unassigned?: boolean | null;
  @Field(() => GraphQLUUID, { nullable: true }) @IsOptional() customerId?: string | null;
}

@InputType()
export class VerifyIdentityInput implements IdentityVerification {
  @Field(() => IdentityMethod) method: IdentityMethod;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
}

@InputType()
export class ExtendPrivacyRequestInput implements DeadlineExtension {
  @Field(() => GraphQLLocalDate, { description: 'The new last day, at most three months from receipt.' }) until: string;
  @Field({ description: 'Why: told to the requester in a notice.' }) @MaxLength(2000) reason: string;
}

@InputType()
export class RectificationDecisionInput implements RectificationDecision {
  @Field(() => GraphQLUUID) itemId: string;
  @Field() approve: boolean;
  @Field(() => String, { nullable: true, description: 'Required when refusing.' }) @IsOptional() @MaxLength(2000) reason?: string | null;
}
