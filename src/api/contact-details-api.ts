import { z } from 'zod';
import type { ContactDetails } from '../signatures/contact-details';

// New records' prefill (issue 19): what the sender's own latest email says about them. The server reads that one
// email for this request only and keeps nothing; each value carries where it came from.

export const contactDetailsRequestSchema = z.object({
  address: z.string().trim().min(3).max(320),
  /** The name the open email shows for the address, when it shows one. */
  displayName: z.string().max(320).optional(),
});
export type ContactDetailsRequest = z.input<typeof contactDetailsRequestSchema>;

const sourced = z.object({ value: z.string(), source: z.enum(['display name', 'signature']) });

export const contactDetailsResponseSchema = z.object({
  /** False when the organisation does not show details read from emails (its display setting). */
  shown: z.boolean(),
  details: z
    .object({
      firstName: sourced.optional(),
      lastName: sourced.optional(),
      title: sourced.optional(),
      company: sourced.optional(),
      phones: z.array(
        z.object({
          number: z.string(),
          extension: z.string().optional(),
          kind: z.enum(['mobile', 'phone']),
          display: z.string(),
          source: z.literal('signature'),
        }),
      ),
    })
    .optional(),
  /** The email whose signature was read. */
  readFrom: z.object({ subject: z.string(), sentAt: z.string() }).optional(),
  /** Why no signature was read, for people (no mailbox, no email from them, the mailbox failing). */
  note: z.string().optional(),
});
export type ContactDetailsResponse = z.infer<typeof contactDetailsResponseSchema>;

// Compile-time: the response's details are the core's ContactDetails.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const detailsMatch: Exact<NonNullable<ContactDetailsResponse['details']>, ContactDetails> = true;
void detailsMatch;
