import { Foundation1764150000000 } from './1764150000000-Foundation';
import { Register1764160000000 } from './1764160000000-Register';
import { Prohibitions1764170000000 } from './1764170000000-Prohibitions';
import { Campaigns1764180000000 } from './1764180000000-Campaigns';
import { ContactKeys1764190000000 } from './1764190000000-ContactKeys';
import { Requests1764200000000 } from './1764200000000-Requests';
import { HoldsNoticesAddressees1764310000000 } from './1764310000000-HoldsNoticesAddressees';
import { OneLiveInvoice1764320000000 } from './1764320000000-OneLiveInvoice';
import { Outbox1764330000000 } from './1764330000000-Outbox';
import { RateLimits1764350000000 } from './1764350000000-RateLimits';
import { OptOutListImports1764370000000 } from './1764370000000-OptOutListImports';
import { AppRole1764380000000 } from './1764380000000-AppRole';
import { ConsultationLogIds1764390000000 } from './1764390000000-ConsultationLogIds';
import { TargetListCustomerIndexes1764405000000 } from './1764405000000-TargetListCustomerIndexes';
import { RegisterConfig1764410000000 } from './1764410000000-RegisterConfig';
import { ProcessorsPartnersTokens1764420000000 } from './1764420000000-ProcessorsPartnersTokens';
import { LogRetention1764430000000 } from './1764430000000-LogRetention';
import { RetentionProposals1764430000001 } from './1764430000001-RetentionProposals';
import { AddressUpdates1764440000000 } from './1764440000000-AddressUpdates';
import { WebEvents1764450000000 } from './1764450000000-WebEvents';
import { PaperRecords1796231226190 } from './1796231226190-PaperRecords';
import { ControllerErasure1796235692777 } from './1796235692777-ControllerErasure';
import { MergedRecordErasure1796236443228 } from './1796236443228-MergedRecordErasure';
import { CampaignExclusions1796243625212 } from './1796243625212-CampaignExclusions';
import { CustomerImports1796231319673 } from './1796231319673-CustomerImports';
import { CustomerNotes1796234805317 } from './1796234805317-CustomerNotes';

/** Every migration, in order. Listed explicitly so the compiled server needs no glob. */
export const migrations = [
  Foundation1764150000000,
  Register1764160000000,
  Prohibitions1764170000000,
  Campaigns1764180000000,
  ContactKeys1764190000000,
  Requests1764200000000,
  HoldsNoticesAddressees1764310000000,
  OneLiveInvoice1764320000000,
  Outbox1764330000000,
  RateLimits1764350000000,
  OptOutListImports1764370000000,
  AppRole1764380000000,
  ConsultationLogIds1764390000000,
  TargetListCustomerIndexes1764405000000,
  RegisterConfig1764410000000,
  ProcessorsPartnersTokens1764420000000,
  LogRetention1764430000000,
  RetentionProposals1764430000001,
  AddressUpdates1764440000000,
  WebEvents1764450000000,
  PaperRecords1796231226190,
  CustomerImports1796231319673,
  CustomerNotes1796234805317,
  ControllerErasure1796235692777,
  MergedRecordErasure1796236443228,
  CampaignExclusions1796243625212,
];
