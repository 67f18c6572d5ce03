import type { Prisma } from "../generated/prisma/client.js";
import { vnDayKey } from "../lib/vi-time.js";

// Whether a legal document is in force (hiệu lực), from its calendar days in Vietnam time.
//
// The rule, one day at a time (dates are "yyyy-MM-dd" strings, compared as text, which orders them
// as days on both databases):
// - it starts on its effective day (effectiveOn), or on its issue day when no effective day is
//   given (a guiding letter applies from the day it is signed); before that: "chua";
// - the expiry day (expiresOn) is the first day it no longer applies, as "hết hiệu lực kể từ ngày…"
//   is written in Vietnamese documents and on the national database vbpl.vn: on and after that
//   day: "het";
// - in between: "con".
// Staff may override the result (`validity` set to "con", "het" or "chua"); null means computed.
// The day rolls over at midnight in Vietnam, whatever the server's time zone.

export const VALIDITIES = ["con", "het", "chua"] as const;
export type Validity = (typeof VALIDITIES)[number];

export const VALIDITY_LABELS: Record<Validity, string> = {
  con: "Còn hiệu lực",
  het: "Hết hiệu lực",
  chua: "Chưa có hiệu lực",
};

export const isValidity = (value: unknown): value is Validity => VALIDITIES.includes(value as Validity);

export interface ValidityFacts {
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  /** The staff's override, or null. */
  validity: string | null;
}

/** What the dates alone say on `today` (a Vietnam day key). */
export function validityFromDates(doc: Omit<ValidityFacts, "validity">, today: string): Validity {
  const start = doc.effectiveOn ?? doc.issuedOn;
  if (today < start) return "chua";
  if (doc.expiresOn && doc.expiresOn <= today) return "het";
  return "con";
}

/** The validity shown: the override when staff set one, else computed from the dates. */
export function validityOf(doc: ValidityFacts, now: Date): Validity {
  return isValidity(doc.validity) ? doc.validity : validityFromDates(doc, vnDayKey(now));
}

/** {validity, validityLabel} for a page or a list row. */
export function validityBadge(doc: ValidityFacts, now: Date): { validity: Validity; validityLabel: string } {
  const validity = validityOf(doc, now);
  return { validity, validityLabel: VALIDITY_LABELS[validity] };
}

/**
 * The same rule as a `where` (the list filter `hieu-luc`): the override when set, else the dates
 * compared with today's Vietnam day key, so a page of results agrees with the badges it shows.
 */
export function validityWhere(wanted: Validity, now: Date): Prisma.LegalDocumentWhereInput {
  const today = vnDayKey(now);
  const started: Prisma.LegalDocumentWhereInput = {
    OR: [{ effectiveOn: { lte: today } }, { effectiveOn: null, issuedOn: { lte: today } }],
  };
  const computed: Record<Validity, Prisma.LegalDocumentWhereInput> = {
    chua: { OR: [{ effectiveOn: { gt: today } }, { effectiveOn: null, issuedOn: { gt: today } }] },
    het: { AND: [started, { expiresOn: { lte: today } }] },
    con: { AND: [started, { OR: [{ expiresOn: null }, { expiresOn: { gt: today } }] }] },
  };
  return { OR: [{ validity: wanted }, { AND: [{ validity: null }, computed[wanted]] }] };
}
