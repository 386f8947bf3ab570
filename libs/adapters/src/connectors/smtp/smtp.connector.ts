import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { Connector, ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { schema, type Infer, type SchemaIssue } from '../../schema/schema.js';

const address = schema.string({
  minLength: 3,
  maxLength: 320,
  description: 'An e-mail address, optionally with a name: "Name <a@b.dk>".',
});

const smtpInput = schema.object({
  to: schema.array(address, { minItems: 1, description: 'Recipients (a list).' }),
  cc: schema.optional(schema.array(address)),
  bcc: schema.optional(schema.array(address)),
  replyTo: schema.optional(address),
  subject: schema.string({ minLength: 1, maxLength: 998 }),
  text: schema.optional(schema.string({ description: 'The plain-text body.' })),
  html: schema.optional(schema.string({ description: 'The HTML body.' })),
  attachments: schema.optional(
    schema.array(
      schema.object({
        filename: schema.string({ minLength: 1, maxLength: 255 }),
        content: schema.string({
          pattern: /^[A-Za-z0-9+/\s]*=*\s*$/,
          description: 'The file, base64-encoded.',
        }),
        contentType: schema.optional(schema.string({ minLength: 3 })),
      }),
    ),
  ),
  rejectedErrorCode: schema.optional(
    schema.string({
      minLength: 1,
      description:
        'BPMN error code thrown when the server refuses the message for good (5xx); without it: an incident.',
    }),
  ),
});

const smtpOutput = schema.object({
  messageId: schema.string({ description: 'The Message-ID, the same for every retry of the task.' }),
  accepted: schema.integer({ minimum: 0, description: 'Recipients the server accepted.' }),
  rejected: schema.integer({
    minimum: 0,
    description: 'Recipients the server refused (the rest got the message).',
  }),
});

const secretRef = schema.object({ secretRef: schema.string({ minLength: 1 }) });
const smtpSettings = schema.object({
  host: schema.string({ minLength: 1 }),
  port: schema.integer({ minimum: 1, maximum: 65_535 }),
  from: address,
  /** Implicit TLS (port 465). */
  secure: schema.optional(schema.boolean()),
  /** Refuse to send unless the server offers STARTTLS (default true: mail holds personal data). */
  requireTLS: schema.optional(schema.boolean()),
  auth: schema.optional(schema.object({ user: schema.string({ minLength: 1 }), pass: secretRef })),
  tls: schema.optional(schema.object({ ca: secretRef })),
  messageIdDomain: schema.optional(schema.string({ pattern: /^[A-Za-z0-9.-]+$/ })),
  timeoutMs: schema.optional(schema.integer({ minimum: 100 })),
});

export type SmtpConnectorInput = Infer<typeof smtpInput>;
export type SmtpConnectorOutput = Infer<typeof smtpOutput>;
type SmtpSettings = Infer<typeof smtpSettings>;

const DEFAULT_TIMEOUT_MS = 20_000;

/** The header that carries the idempotency key itself, besides the Message-ID derived from it. */
export const IDEMPOTENCY_KEY_HEADER = 'X-Kommune-Flow-Idempotency-Key';

/**
 * The Message-ID of the mail one job sends: derived from the tenant and the idempotency key, so every retry of the
 * job sends the same Message-ID and the receiving side (or its archive) can recognise a duplicate.
 */
export function messageIdFor(tenantId: string, idempotencyKey: string, domain: string): string {
  const digest = createHash('sha256').update(`${tenantId}\0${idempotencyKey}`).digest('hex').slice(0, 40);
  return `<${digest}@${domain}>`;
}

function issuesText(issues: readonly SchemaIssue[]): string {
  return issues.map((issue) => `${issue.path.replace(/^\$\.?/, '')} ${issue.message}`).join('; ');
}

function settingsOf(context: ConnectorContext): SmtpSettings {
  const where = `Tenant '${context.tenant.id}', connector 'smtp'`;
  if (!context.tenant.config.configured) {
    throw new PermanentConnectorError(`${where}: the tenant has no configuration; set host, port and from`);
  }
  const checked = smtpSettings.validate(JSON.parse(JSON.stringify(context.tenant.config.settings)));
  if (!checked.ok) throw new PermanentConnectorError(`${where} settings: ${issuesText(checked.issues)}`);
  return checked.value;
}

interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * Classifies what the SMTP conversation failed with. Never uses the error's message or the server's reply text:
 * they name recipients' addresses.
 */
function smtpFailure(error: unknown, host: string, rejectedErrorCode: string | undefined): Error {
  const { code, responseCode, command } = (error ?? {}) as SmtpErrorLike;
  const during = command ? ` to ${command.split(' ')[0]}` : '';
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500) {
    return new RetryableConnectorError(
      `The SMTP server ${host} answered ${responseCode}${during}: a temporary refusal, tried again later`,
    );
  }
  if (typeof responseCode === 'number' && responseCode >= 500) {
    return new PermanentConnectorError(
      `The SMTP server ${host} refused the message with ${responseCode}${during}`,
      {
        ...(rejectedErrorCode === undefined ? {} : { bpmnErrorCode: rejectedErrorCode }),
        details: { responseCode, ...(command ? { command: command.split(' ')[0] } : {}) },
      },
    );
  }
  if (code === 'EAUTH') {
    return new PermanentConnectorError(
      `The SMTP server ${host} refused the login: check auth.user and auth.pass`,
    );
  }
  if (code === 'ETLS' || code === 'ESTARTTLS') {
    return new PermanentConnectorError(
      `The SMTP server ${host} offers no usable TLS (${code}); set tls.ca or requireTLS`,
    );
  }
  return new RetryableConnectorError(
    `The SMTP server ${host} cannot be reached or dropped the connection (${code ?? 'error'})`,
  );
}

/**
 * `connector:smtp` — sends an e-mail through the tenant's SMTP server (nodemailer's SMTP client): recipients,
 * subject, text and HTML bodies and attachments from the task's input; server, sender, login and TLS from the
 * tenant's settings. A 4xx reply or a lost connection is retryable, a 5xx refusal permanent (or the BPMN error
 * `rejectedErrorCode`). The Message-ID is derived from the idempotency key, and the key goes along as
 * `X-Kommune-Flow-Idempotency-Key`, so a retried send is recognisable as the same message.
 */
export class SmtpConnector implements Connector<SmtpConnectorInput, SmtpConnectorOutput> {
  readonly id = 'smtp';
  readonly description =
    "Sends an e-mail through the tenant's SMTP server: to, cc, bcc, subject, text, html and attachments; the Message-ID is derived from the job, the same on every retry.";
  readonly input = smtpInput;
  readonly output = smtpOutput;
  readonly timeoutMs = 60_000;

  async execute(input: SmtpConnectorInput, context: ConnectorContext): Promise<SmtpConnectorOutput> {
    if (input.text === undefined && input.html === undefined) {
      throw new PermanentConnectorError('The mail needs a body: map $.text or $.html');
    }
    const settings = settingsOf(context);
    const domain =
      settings.messageIdDomain ?? /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'kommune-flow.local';
    const messageId = messageIdFor(context.tenant.id, context.idempotencyKey, domain);
    const composer = new MailComposer({
      from: settings.from,
      to: input.to,
      ...(input.cc ? { cc: input.cc } : {}),
      ...(input.bcc ? { bcc: input.bcc } : {}),
      ...(input.replyTo ? { replyTo: input.replyTo } : {}),
      subject: input.subject,
      ...(input.text === undefined ? {} : { text: input.text }),
      ...(input.html === undefined ? {} : { html: input.html }),
      attachments: (input.attachments ?? []).map((attachment) => ({
        filename: attachment.filename,
        content: Buffer.from(attachment.content.replace(/\s+/g, ''), 'base64'),
        ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
      })),
      messageId,
      date: context.now(),
      headers: { [IDEMPOTENCY_KEY_HEADER]: context.idempotencyKey },
    });
    const mime = composer.compile();
    const envelope = mime.getEnvelope();
    const raw = await mime.build();

    const password = settings.auth ? await context.tenant.config.secret('auth.pass') : undefined;
    const ca = settings.tls ? await context.tenant.config.secret('tls.ca') : undefined;
    const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const connection = new SMTPConnection({
      host: settings.host,
      port: settings.port,
      secure: settings.secure ?? false,
      requireTLS: settings.requireTLS ?? true,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      ...(ca === undefined ? {} : { tls: { ca } }),
    });
    const started = Date.now();
    const abort = (): void => connection.close();
    context.signal.addEventListener('abort', abort, { once: true });
    // An error after the conversation settled (a late socket error) must not crash the engine.
    connection.on('error', () => {});
    const step = <T>(run: (done: (error: unknown, value?: T) => void) => void): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const onAbort = (): void => finish(context.signal.reason);
        // Errors of the connection phase (and a socket lost later) arrive as events, not through the callback.
        const onError = (error: unknown): void => finish(error);
        const finish = (error: unknown, value?: T): void => {
          context.signal.removeEventListener('abort', onAbort);
          connection.off('error', onError);
          if (error) reject(error);
          else resolve(value as T);
        };
        if (context.signal.aborted) return onAbort();
        context.signal.addEventListener('abort', onAbort, { once: true });
        connection.on('error', onError);
        run(finish);
      });
    try {
      await step<void>((done) => connection.connect((error) => done(error)));
      if (settings.auth && password !== undefined) {
        await step<void>((done) =>
          connection.login({ user: settings.auth!.user, pass: password }, (error) => done(error)),
        );
      }
      const info = await step<SMTPConnection.SentMessageInfo>((done) =>
        connection.send(envelope, raw, (error, sent) => done(error, sent)),
      );
      connection.quit();
      const accepted = info.accepted.length;
      const rejected = info.rejected.length;
      context.log.info('Mail sent', {
        host: settings.host,
        accepted,
        rejected,
        durationMs: Date.now() - started,
      });
      return { messageId, accepted, rejected };
    } catch (error) {
      connection.close();
      if (context.signal.aborted) throw context.signal.reason;
      const failure = smtpFailure(error, settings.host, input.rejectedErrorCode);
      context.log.warn('Mail not sent', {
        host: settings.host,
        responseCode: (error as SmtpErrorLike).responseCode ?? null,
        code: (error as SmtpErrorLike).code ?? null,
        durationMs: Date.now() - started,
      });
      throw failure;
    } finally {
      context.signal.removeEventListener('abort', abort);
    }
  }
}
