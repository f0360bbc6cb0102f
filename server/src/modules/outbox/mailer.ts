import nodemailer, { type Transporter } from 'nodemailer';

/** One e-mail with its attachments, as the outbox hands it to the mail server. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/** Why a send failed, and whether trying again can help (a 5xx answer is the server's final word). */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

/** The mail server of `SMTP_URL`, through nodemailer. One connection per message: letters are few. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Bounded waits: a mail server that does not answer fails the attempt, and the job retries later.
    this.transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 });
  }

  /** Sends, and answers the message id the server accepted it under. */
  async send(message: MailMessage): Promise<string> {
    try {
      const info = await this.transport.sendMail({ from: this.from, ...message });
      return info.messageId;
    } catch (error) {
      const err = error as Error & { responseCode?: number; code?: string };
      const reason = [err.code, err.message].filter(Boolean).join(': ');
      throw new MailError(reason.slice(0, 1000) || 'the mail server refused the message', (err.responseCode ?? 0) >= 500);
    }
  }

  close(): void {
    this.transport.close();
  }
}
