// Why a prompt is due, in the user's language: the kind and params from Rust, rendered here.
import type { Language, PromptDto } from '../../lib/bindings';
import { formatBirthday, formatMonthDay } from '../../lib/format';
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
  switch (params.kind) {
    case 'cadence':
      return params.days === null
        ? format(t.prompt.cadenceNever, { level: params.level })
        : format(t.prompt.cadence, { level: params.level, days: params.days });
    case 'next_step': {
      if (params.appointment) {
        const day = formatMonthDay(p.due, lang) + (p.time ? ` ${p.time}` : '');
        const appointment = t.prompt.appointments[params.appointment];
        return params.promise
          ? format(t.prompt.next_stepAppointmentPromise, { day, appointment, promise: params.promise })
          : format(t.prompt.next_stepAppointment, { day, appointment });
      }
      const text = params.promise ? format(t.prompt.next_stepPromise, { promise: params.promise }) : t.prompt.next_step;
      return p.time ? `${text} ${p.time}` : text;
    }
    case 'no_show': {
      const day = formatMonthDay(params.on, lang) + (params.time ? ` ${params.time}` : '');
      return format(t.prompt.no_show, { day, appointment: t.prompt.appointments[params.appointment] });
    }
    case 'after_sale':
      return format(t.prompt.after_sale[params.step], { days: params.days, year: params.year });
    case 'birthday': {
      const date = formatBirthday({ calendar: params.calendar, year: null, month: params.month, day: params.day }, t, lang);
      if (params.who === 'self') return format(t.prompt.birthdaySelf, { date });
      // A relation's code, or the consultant's own words for it.
      const relations: Partial<Record<string, string>> = t.choices.relation;
      return format(t.prompt.birthday, { who: relations[params.who] ?? params.who, name: params.name, date });
    }
    case 'holiday': {
      const names: Partial<Record<string, string>> = t.prompt.holidays;
      return format(t.prompt.holiday, { holiday: names[params.holiday] ?? params.holiday });
    }
    case 'regrade':
      return format(t.prompt.regrade, { level: params.level });
    case 'propose_lost':
      return format(t.prompt.propose_lost, { attempts: params.attempts });
    case 'revisit':
      return params.lost_reason ? format(t.prompt.revisitWhy, { reason: t.choices.lost_reason[params.lost_reason] }) : t.prompt.revisit;
    case 'complaint':
    case 'satisfaction_check':
      return t.prompt[params.kind];
  }
}
