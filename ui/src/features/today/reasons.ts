// Why a prompt is due, in the user's language: the kind and params from Rust, rendered here.
import type { Calendar, Language, PromptDto, Relation } from '../../lib/bindings';
import { formatBirthday } from '../../lib/format';
import { format, type Dictionary } from '../../lib/i18n/index.svelte';

/** When a prompt is due, relative to the day shown: 逾期 2 天, 今天, 明天, 后天, 5 天后. */
export function renderWhen(inDays: number, t: Dictionary): string {
  if (inDays < 0) return format(t.when.overdue, { days: -inDays });
  if (inDays === 0) return t.when.today;
  if (inDays === 1) return t.when.tomorrow;
  if (inDays === 2) return t.when.dayAfter;
  return format(t.when.inDays, { days: inDays });
}

/** The reason for a prompt: "H级，上次联系已 3 天", "妻子李娜生日（农历十月初八）". */
export function renderPrompt(p: PromptDto, t: Dictionary, lang: Language): string {
  const params = p.params;
  switch (p.kind) {
    case 'cadence':
      return params.days ? format(t.prompt.cadence, params) : format(t.prompt.cadenceNever, params);
    case 'next_step': {
      const text = params.promise ? format(t.prompt.next_stepPromise, params) : t.prompt.next_step;
      return p.time ? `${text} ${p.time}` : text;
    }
    case 'after_sale': {
      const steps = t.prompt.after_sale as Record<string, string>;
      return format(steps[params.step ?? ''] ?? t.prompt.after_sale.call, params);
    }
    case 'birthday': {
      const date = formatBirthday(
        { calendar: (params.calendar ?? 'solar') as Calendar, year: null, month: Number(params.month), day: Number(params.day) },
        t,
        lang,
      );
      if (params.who === 'self') return format(t.prompt.birthdaySelf, { date });
      const who = t.choices.relation[(params.who ?? 'other') as Relation] ?? params.who;
      return format(t.prompt.birthday, { who, name: params.name ?? '', date });
    }
    case 'holiday': {
      const names = t.prompt.holidays as Record<string, string>;
      return format(t.prompt.holiday, { holiday: names[params.holiday ?? ''] ?? params.holiday });
    }
    default:
      return format(t.prompt[p.kind], params);
  }
}
