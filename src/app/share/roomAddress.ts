/** The link the room gets for the current setup: see shareTarget.ts. */
import { fetchClassroomInfo, type ClassroomInfo } from './classroomInfo';
import { isLoopbackHost, shareTarget, type ShareTarget } from './shareTarget';
import { currentSetupUrl } from './useUrlSync';

let known: ClassroomInfo | null = null;

/** Asked only when the page is on this computer's own address, and kept once found. */
async function classroomInfo(): Promise<ClassroomInfo | null> {
  if (known !== null || !isLoopbackHost(location.hostname)) return known;
  known = await fetchClassroomInfo(new URL(import.meta.env.BASE_URL, location.href).href);
  return known;
}

export async function currentShareTarget(): Promise<ShareTarget> {
  return shareTarget(currentSetupUrl({ forSharing: true }), await classroomInfo());
}
