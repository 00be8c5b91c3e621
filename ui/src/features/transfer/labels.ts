// Names for what a column can be imported as, and for the reasons of backups, in the UI's
// language.
import type { Dictionary } from '../../lib/i18n/zh-Hans';

/** A mapping target: a profile field, or a name part / Carnet id of contact exports. */
export function targetLabel(target: string, t: Dictionary): string {
  if (
    target === 'given_name' ||
    target === 'family_name' ||
    target === 'id' ||
    target === 'keep' ||
    target === 'birth_year' ||
    target === 'birth_month' ||
    target === 'birth_day'
  )
    return t.transfer[target];
  return t.fields[target as keyof Dictionary['fields']] ?? target;
}

/** Why a backup was made ("daily", "before-import", "before-migration-v5" …). */
export function backupReason(reason: string, t: Dictionary): string {
  if (reason.startsWith('before-migration')) return t.backup.reasons.migration;
  const known = t.backup.reasons as Record<string, string>;
  return known[reason] ?? t.backup.reasons.other;
}
