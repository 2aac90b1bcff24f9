// Long work runs as a server-side job (the same in the window and over
// HTTP): start it, poll its status for the progress bar, cancel on demand.
import type { JobStatus } from './types'

/** Polls get(id) until the job ends, passing each status to update. */
export async function followJob<P, R>(
  id: string,
  get: (id: string) => Promise<JobStatus<P, R>>,
  update: (s: JobStatus<P, R>) => void,
  every = 250,
): Promise<JobStatus<P, R>> {
  let st = await get(id)
  update(st)
  while (st.running) {
    await new Promise((r) => setTimeout(r, every))
    st = await get(id)
    update(st)
  }
  return st
}

/** Percent done of a progress with done/total. */
export const percentOf = (p?: { done: number; total: number }) =>
  p && p.total > 0 ? Math.min(100, Math.round((100 * p.done) / p.total)) : 0
