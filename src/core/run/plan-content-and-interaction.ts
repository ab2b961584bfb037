import type { PlanEntry } from '../plans/cadence.js';
import { planWindow, type PlanWindow } from '../plans/calendar.js';
import { libraryHeader, parseContentLibrary, type ContentLibrary } from '../plans/library.js';
import { contentPlanRows, readContentPlan } from '../plans/content-sheet.js';
import { weeklyTasks, type AdminTask } from '../plans/tasks.js';
import { inviteLists, inviteRows, type InviteCandidate, type InviteList } from '../plans/invites.js';
import { interactionName, interactionPlanRows, readInteractionPlan } from '../plans/interaction-sheet.js';
import type { SheetPatch } from '../base/patch.js';
import type { Member, OperationsContext } from './operations-context.js';
import { planSchedule, type Schedule } from '../plans/schedule.js';

export interface ContentAndInteractionPlan {
  /** 内容库 (an empty one, when the operator has none yet), 内容计划, 互动计划 and 邀请名单. */
  sheets: SheetPatch[];
  window: PlanWindow;
  library: ContentLibrary;
  schedule: Schedule;
  invites: InviteList[];
  /** This week's tasks per admin ('' = not yet assigned). */
  tasks: Map<string, AdminTask[]>;
}

/** The content and interaction plans over the next weeks, who to invite to them, and the admins' tasks this week. */
export function planContentAndInteraction({ input, members, sheetName, tierLabel, contributionLabel }: OperationsContext): ContentAndInteractionPlan {
  const { locale, today, config, activity } = input;
  const tierIds = activity.tiers.map((t) => t.id);
  const adminsKnown = !!input.adminOf && input.adminOf.size > 0;
  const library = parseContentLibrary(input.tables.contentLibrary, config.content.types, activity.tiers);
  const names = { config: config.interactions, festivals: config.festivals.festivals };
  const previous: PlanEntry[] = [
    ...readContentPlan(input.tables.contentPlan, activity.tiers, today),
    ...readInteractionPlan(input.tables.interactionPlan, activity.tiers, names, today),
  ];
  const window = planWindow(today, config.calendar.weeks);
  const schedule = planSchedule({ window, tiers: tierIds, config, library: library.items, previous, admins: adminsKnown ? adminsByTier(members, tierIds) : undefined });

  const candidates: InviteCandidate[] = members.map((m) => ({ memberId: m.memberId, memberIdText: m.row.memberIdText, nickname: m.nickname, activity: m.activity, contribution: m.contribution, score: m.score, admin: m.admin }));
  const invites = inviteLists(schedule.interaction, config.interactions.conversion, candidates, today);
  const inviteCount = new Map(invites.map((l) => [`${l.day}|${l.key}`, l.invited.length]));
  const audienceLabel = (id: string) => {
    const c = config.interactions.conversion.find((x) => x.id === id);
    const parts = [...(c?.audience.activity ?? []).map(tierLabel), ...(c?.audience.contribution ?? []).map(contributionLabel)];
    return parts.join(locale === 'zh' ? '、' : ', ');
  };

  const sheets: SheetPatch[] = [];
  if (!input.tables.contentLibrary) sheets.push({ kind: 'replace', sheet: sheetName('contentLibrary'), rows: [libraryHeader(locale)] });
  sheets.push({ kind: 'replace', sheet: sheetName('contentPlan'), rows: contentPlanRows({ schedule, library: library.items, libraryProblems: library.problems, tiers: activity.tiers, locale, adminsKnown }) });
  sheets.push({ kind: 'replace', sheet: sheetName('interactionPlan'), rows: interactionPlanRows({ schedule, names, tiers: activity.tiers, audienceLabel, invites: inviteCount, locale, adminsKnown }) });
  sheets.push({ kind: 'replace', sheet: sheetName('invites'), rows: inviteRows(invites, (kind, id) => (kind === 'activity' ? tierLabel(id) : contributionLabel(id)), locale) });

  const byTitle = new Map(library.items.map((i) => [i.title, i]));
  const tasks = weeklyTasks([...schedule.content, ...schedule.interaction], today, {
    name: (e) => (e.kind === 'content' ? e.key : (interactionName(e.key, names, locale, e.tier) ?? e.carried?.format ?? e.key)),
    channel: (e) => (e.kind === 'content' ? (byTitle.get(e.key)?.channel ?? e.carried?.channel ?? '') : ''),
    link: (e) => (e.kind === 'content' ? (byTitle.get(e.key)?.link ?? e.carried?.link ?? '') : ''),
  });
  return { sheets, window, library, schedule, invites, tasks };
}

/** The admins responsible for members of each activity tier, so plan entries can name who runs them. */
function adminsByTier(members: Member[], tierIds: string[]): Record<string, string[]> {
  const tierAdmins: Record<string, string[]> = {};
  for (const t of tierIds) tierAdmins[t] = [...new Set(members.filter((m) => m.activity === t && m.admin).map((m) => m.admin))].sort();
  return tierAdmins;
}
