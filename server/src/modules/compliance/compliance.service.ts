import type { Actor } from '../../auth/actor';
import { requireRight } from '../../auth/authorize';
import type { ComplianceReport } from './compliance.model';
import type { ComplianceReportFile } from './report-file';

/** The compliance report of the running build, for privacy officers and admins. */
export class ComplianceService {
  constructor(private readonly file: ComplianceReportFile) {}

  /** Null when this build has no test results. */
  async report(actor: Actor): Promise<ComplianceReport | null> {
    requireRight(actor, 'read', 'ComplianceReport', 'You may not read the compliance report.');
    return this.file.read();
  }
}
