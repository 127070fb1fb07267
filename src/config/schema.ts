// The configuration file's shape: one zod schema per subsystem, each with its defaults, so a
// missing file still yields a complete, valid configuration. Messages name what is expected;
// the loader adds the key path and the value that was found.
import { z } from 'zod';
import { provisioningSchema } from './provisioning-schema.js';

/**
 * EAS versions the server can be told to advertise. Config may not import `eas`, so the list is
 * repeated here; it must stay a subset of `eas/protocol-version.ts`.
 */
export const SUPPORTED_PROTOCOL_VERSIONS = ['2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'] as const;
export type SupportedProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/**
 * Advertised when the file says nothing. 16.x stays opt-in: a client that sees 16.1 uses all of
 * it (Find, drafts in Sync, ClientUid; CLIENT-QUIRKS §1), so it is listed only once an operator
 * chooses to.
 */
export const DEFAULT_ADVERTISED_VERSIONS: readonly SupportedProtocolVersion[] = ['2.5', '12.0', '12.1', '14.0', '14.1'];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const MIB = 1024 * 1024;

function intRange(min: number, max: number, note = ''): z.ZodInt {
  const error = `expected integer ${min}-${max}${note}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

function versionOrder(a: string, b: string): number {
  return Number.parseFloat(a) - Number.parseFloat(b);
}

export const serverSchema = z.strictObject({
  // Loopback by default: Basic auth travels in clear text unless a TLS proxy sits in front, so
  // exposing the port must be a deliberate choice (PUSHBRIDGE_HOST=0.0.0.0 in a container).
  host: z
    .string({ error: 'expected a host name or IP address' })
    .regex(/^[A-Za-z0-9.:-]+$/, { error: 'expected a host name or IP address such as 127.0.0.1 or ::' })
    .default('127.0.0.1'),
  // 0 lets the OS pick a free port (tests, side-by-side instances); listen() reports the real one.
  port: intRange(0, 65535, ' (0 = any free port)').default(8080),
  // The URL devices use to reach us through a proxy (Autodiscover answers with it).
  externalUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://mail.example.org' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // Behind a TLS proxy, X-Forwarded-Proto/Host give the URL devices used (Autodiscover, logs).
  // Off by default: without a proxy, any client could forge them.
  trustProxy: z.boolean({ error: 'expected true or false' }).default(false),
  dataDir: z.string({ error: 'expected a directory path' }).min(1, { error: 'expected a directory path' }).default('./data'),
});

export const easSchema = z.strictObject({
  // Clients pick the highest version listed and then use all of it, so list only what is
  // implemented. Sorted ascending because AOSP keeps the last entry it knows (CLIENT-QUIRKS 2.1).
  advertisedVersions: z
    .array(z.enum(SUPPORTED_PROTOCOL_VERSIONS, { error: `expected one of ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}` }), {
      error: 'expected a list of protocol versions',
    })
    .min(1, { error: 'expected at least one protocol version' })
    .refine((list) => new Set(list).size === list.length, { error: 'expected each version only once' })
    .transform((list) => [...list].sort(versionOrder))
    .default([...DEFAULT_ADVERTISED_VERSIONS]),
  // Largest request body accepted. SendMail carries whole MIME messages with base64
  // attachments, so this is sized for a ~24 MB attachment, not for WBXML commands.
  maxBodyBytes: intRange(1024, 1024 * MIB).default(32 * MIB),
});

// MS-ASCMD 2.2.3.88.1 HeartbeatInterval: 60-3540 s by the spec; an operator may narrow it (a
// proxy or load balancer that drops idle connections sooner than the client's heartbeat needs a
// lower maximum). Clients outside the bounds get Ping Status 5 with the allowed value.
export const pingSchema = z
  .strictObject({
    minHeartbeatSeconds: intRange(60, 3540).default(60),
    maxHeartbeatSeconds: intRange(60, 3540).default(3540),
    // MS-ASCMD 2.2.3.96 MaxFolders: more folders than this in one Ping is Status 6.
    maxFolders: intRange(1, 5000).default(300),
  })
  .superRefine((ping, ctx) => {
    if (ping.minHeartbeatSeconds <= ping.maxHeartbeatSeconds) return;
    ctx.addIssue({
      code: 'custom',
      path: ['maxHeartbeatSeconds'],
      input: ping.maxHeartbeatSeconds,
      message: `expected at least minHeartbeatSeconds (${ping.minHeartbeatSeconds})`,
    });
  });

// Outgoing mail (SendMail, SmartReply, SmartForward, MeetingResponse replies). Recipients with a
// local account are delivered straight into their Inbox; everyone else goes through the relay.
// Without a relay, a message with a remote recipient is refused with a clear status instead of
// being dropped.
export const mailRelaySchema = z.strictObject({
  host: z.string({ error: 'expected a host name' }).min(1, { error: 'expected a host name' }),
  port: intRange(1, 65535).default(587),
  // true = TLS from the first byte (465); false = STARTTLS when offered.
  secure: z.boolean({ error: 'expected true or false' }).default(false),
  user: z.string({ error: 'expected a user name' }).optional(),
  password: z.string({ error: 'expected a password' }).optional(),
});

export const mailSchema = z.strictObject({
  relay: mailRelaySchema.optional(),
  // A message with more recipients than this is refused (MS-ASCMD SendMail Status 116/120 territory).
  maxRecipients: intRange(1, 10000).default(500),
});

export const logSchema = z.strictObject({
  level: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

export const configSchema = z.strictObject(
  {
    server: serverSchema.prefault({}),
    eas: easSchema.prefault({}),
    log: logSchema.prefault({}),
    provisioning: provisioningSchema.prefault({}),
    ping: pingSchema.prefault({}),
    mail: mailSchema.prefault({}),
  },
  { error: 'expected an object' },
);

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The validated, frozen configuration passed down from the composition root. */
export type PushbridgeConfig = DeepReadonly<z.output<typeof configSchema>>;
export type ServerConfig = PushbridgeConfig['server'];
export type EasConfig = PushbridgeConfig['eas'];
export type LogConfig = PushbridgeConfig['log'];
export type ProvisioningConfig = PushbridgeConfig['provisioning'];
export type PolicyConfig = ProvisioningConfig['policy'];
export type PingConfig = PushbridgeConfig['ping'];
export type MailConfig = PushbridgeConfig['mail'];
