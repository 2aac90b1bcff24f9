import { call } from './client'
import type * as T from './types'

export const systemApi = {
  info: () => call<T.Info>('SystemService', 'Info'),
  loadDemo: (req: T.DemoRequest) => call<T.DemoSummary>('SystemService', 'LoadDemo', req),
}

const G = 'GridService'

export const gridApi = {
  codes: () => call<T.Codes>(G, 'Codes'),
  divisions: () => call<T.Division[]>(G, 'Divisions'),
  saveDivision: (d: T.Division) => call<T.Division>(G, 'SaveDivision', d),
  tree: () => call<T.TreeNode[]>(G, 'Tree'),
  listGrids: (q: T.GridQuery) => call<T.GridSummary[]>(G, 'ListGrids', q),
  getGrid: (id: string) => call<T.GridDetail>(G, 'GetGrid', id),
  saveGrid: (g: T.Grid) => call<T.Grid>(G, 'SaveGrid', g),
  deleteGrid: (id: string) => call<void>(G, 'DeleteGrid', id),
  listStaff: (q: T.StaffQuery) => call<T.StaffSummary[]>(G, 'ListStaff', q),
  getStaff: (id: string) => call<T.StaffDetail>(G, 'GetStaff', id),
  saveStaff: (s: T.Staff) => call<T.Staff>(G, 'SaveStaff', s),
  deleteStaff: (id: string) => call<void>(G, 'DeleteStaff', id),
  assign: (a: T.AssignInput) => call<T.Assignment>(G, 'Assign', a),
  endAssignment: (e: T.EndInput) => call<T.Assignment>(G, 'EndAssignment', e),
  responsibleOn: (q: T.ResponsibleQuery) => call<T.AssignmentView[]>(G, 'ResponsibleOn', q),
  saveLink: (l: T.Link) => call<T.Link>(G, 'SaveLink', l),
}

const R = 'ReportService'

export const reportApi = {
  gridRoster: (q: T.RosterQuery) => call<T.Document>(R, 'GridRoster', q),
  startGridRoster: (q: T.RosterQuery) => call<string>(R, 'StartGridRoster', q),
  job: (id: string) => call<T.JobStatus<T.Step, T.Document>>(R, 'Job', id),
  cancelJob: (id: string) => call<void>(R, 'CancelJob', id),
  gridList: (q: T.GridQuery) => call<T.Document>(R, 'GridList', q),
  staffList: (q: T.StaffQuery) => call<T.Document>(R, 'StaffList', q),
  specialRoster: (q: T.SpecialRosterQuery) => call<T.Document>(R, 'SpecialRoster', q),
  visitLedger: (q: T.VisitsQuery) => call<T.Document>(R, 'VisitLedger', q),
  peopleList: (q: T.PeopleQuery) => call<T.Document>(R, 'PeopleList', q),
  visitList: (q: T.VisitsQuery) => call<T.Document>(R, 'VisitList', q),
  boardList: (q: T.BoardQuery) => call<T.Document>(R, 'BoardList', q),
  personFile: (id: string) => call<T.Document>(R, 'PersonFile', id),
}

const I = 'ImportService'

export const importApi = {
  areas: () => call<T.ImportArea[]>(I, 'Areas'),
  preview: (req: T.ImportRequest) => call<T.ImportPreview>(I, 'Preview', req),
  lines: (token: string, action: T.ImportAction | '', offset: number, limit: number) =>
    call<{ lines: T.ImportLine[]; total: number }>(I, 'Lines', { token, action, offset, limit }),
  startCommit: (token: string) => call<string>(I, 'StartCommit', token),
  job: (id: string) => call<T.JobStatus<T.Step, T.ImportResult>>(I, 'Job', id),
  cancelJob: (id: string) => call<void>(I, 'CancelJob', id),
  rejectReport: (token: string) => call<T.Document>(I, 'RejectReport', token),
}

const S = 'SyncService'

export const syncApi = {
  status: () => call<T.SyncStatus>(S, 'Status'),
  createGroup: (name: string) => call<T.JoinFile>(S, 'CreateGroup', { name }),
  joinFile: () => call<T.JoinFile>(S, 'JoinFile'),
  join: (dataBase64: string) => call<T.SyncStatus>(S, 'Join', { data: dataBase64 }),
  joinPassphrase: (name: string, passphrase: string) => call<T.SyncStatus>(S, 'JoinPassphrase', { name, passphrase }),
  preview: (dir: string) => call<T.SyncReport[]>(S, 'Preview', { dir }),
  exchange: (dir: string) => call<T.StickResult>(S, 'Exchange', { dir }),
  startExchange: (dir: string) => call<string>(S, 'StartExchange', { dir }),
  job: (id: string) => call<T.JobStatus<T.StickProgress, T.StickResult>>(S, 'Job', id),
  cancelJob: (id: string) => call<void>(S, 'CancelJob', id),
  conflicts: () => call<T.ConflictItem[]>(S, 'Conflicts'),
  resolve: (c: T.ConflictItem, value: unknown) => call<void>(S, 'Resolve', { kind: c.kind, id: c.id, field: c.field, value }),
  /** Readable numbers two or more records carry after sync (to renumber by hand). */
  numberClashes: () => call<T.CaseClash[]>(S, 'NumberClashes'),
}

const P = 'PeopleService'

export const peopleApi = {
  codes: () => call<T.PeopleCodes>(P, 'Codes'),
  findPerson: (idNumber: string) => call<string>(P, 'FindPerson', idNumber),
  savePerson: (p: T.Person) => call<T.SavedPerson>(P, 'SavePerson', p),
  getPerson: (id: string) => call<T.PersonDetail>(P, 'GetPerson', id),
  listPeople: (q: T.PeopleQuery) => call<T.PeoplePage>(P, 'ListPeople', q),
  enroll: (e: T.EnrollInput) => call<T.Enrollment>(P, 'Enroll', e),
  changeStatus: (s: T.StatusInput) => call<T.Enrollment>(P, 'ChangeStatus', s),
  saveVisit: (v: T.VisitInput) => call<T.Visit>(P, 'SaveVisit', v),
  overdue: (q: T.BoardQuery) => call<T.Board>(P, 'Overdue', q),
  visits: (q: T.VisitsQuery) => call<T.VisitLine[]>(P, 'Visits', q),
  reveal: (r: T.RevealRequest) => call<T.Revealed>(P, 'RevealPerson', r),
  reveals: (person: string) => call<T.Reveal[]>(P, 'Reveals', person),
  duplicates: () => call<T.DuplicateGroup[]>(P, 'Duplicates'),
  mergePersons: (m: T.MergeInput) => call<T.Person>(P, 'MergePersons', m),
}

export const photoApi = {
  get: (id: string) => call<T.Photo>('PhotoService', 'Get', id),
}

const SET = 'SettingsService'

export const settingsApi = {
  tables: () => call<T.DictTable[]>(SET, 'Tables'),
  entries: (table: string) => call<T.DictEntry[]>(SET, 'Entries', table),
  saveEntry: (e: T.EntryInput) => call<T.DictEntry>(SET, 'SaveEntry', e),
  cadenceRules: () => call<T.CadenceRule[]>(SET, 'CadenceRules'),
  saveCadenceRule: (r: T.CadenceInput) => call<T.CadenceRule>(SET, 'SaveCadenceRule', r),
  workdayYears: () => call<T.WorkdayYear[]>(SET, 'WorkdayYears'),
  saveWorkdayYear: (y: T.WorkdayYear) => call<T.WorkdayYear>(SET, 'SaveWorkdayYear', y),
  /** true: a shipped year is back to what was shipped; false: the year left the calendar. */
  resetWorkdayYear: (year: number) => call<boolean>(SET, 'ResetWorkdayYear', year),
}

const L = 'LedgerService'

export const ledgerApi = {
  codes: () => call<T.LedgerCodes>(L, 'Codes'),
  list: (q: T.LedgerQuery) => call<T.LedgerPage>(L, 'List', q),
  count: (unit: string) => call<T.LedgerCounts>(L, 'Count', unit),
  get: (id: string) => call<T.LedgerItemView>(L, 'Get', id),
  save: (i: T.LedgerItemInput) => call<T.LedgerItem>(L, 'Save', i),
  assign: (a: T.LedgerAssignInput) => call<T.LedgerSaved>(L, 'Assign', a),
  act: (a: T.LedgerActInput) => call<T.LedgerItem>(L, 'Act', a),
  stats: (q: T.LedgerStatsQuery) => call<T.LedgerStats>(L, 'Stats', q),
}

export const ledgerReportApi = {
  ledger: (q: T.LedgerPrint) => call<T.Document>(R, 'RectificationLedger', q),
  notice: (id: string, receipt: boolean) => call<T.Document>(R, 'RectificationNotice', { id, receipt }),
  list: (q: T.LedgerQuery) => call<T.Document>(R, 'RectificationList', q),
}

/**
 * A code-table fetch shared by every screen of the window: asked once,
 * asked again after a failure or after forgetCodes (the admin edited a
 * table in 系统设置).
 */
function codesOnce<C>(load: () => Promise<C>): () => Promise<C> {
  let value: Promise<C> | undefined
  forgetters.push(() => (value = undefined))
  return () =>
    (value ??= load().catch((e) => {
      value = undefined
      throw e
    }))
}
const forgetters: (() => void)[] = []

/** Forget every cached code table (after the admin edits one). */
export function forgetCodes() {
  forgetters.forEach((f) => f())
}

/** The people code tables. */
export const loadPeopleCodes = codesOnce(() => peopleApi.codes())
/** The ledger code tables. */
export const loadLedgerCodes = codesOnce(() => ledgerApi.codes())

const D = 'DisputeService'

export const disputeApi = {
  codes: () => call<T.DisputeCodes>(D, 'Codes'),
  list: (q: T.DisputeQuery) => call<T.DisputePage>(D, 'List', q),
  get: (id: string) => call<T.Dispute>(D, 'Get', id),
  save: (d: T.DisputeInput) => call<T.Dispute>(D, 'Save', d),
  accept: (a: T.DisputeAcceptInput) => call<T.Dispute>(D, 'Accept', a),
  decline: (a: T.DisputeDeclineInput) => call<T.Dispute>(D, 'Decline', a),
  addRecord: (e: T.DisputeEntryInput) => call<T.Dispute>(D, 'AddRecord', e),
  conclude: (r: T.DisputeResultInput) => call<T.Dispute>(D, 'Conclude', r),
  followUp: (v: T.DisputeVisitInput) => call<T.Dispute>(D, 'FollowUp', v),
  archive: (a: T.DisputeArchiveInput) => call<T.Dispute>(D, 'Archive', a),
}

export const disputeReportApi = {
  ledger: (q: T.DisputeQuery) => call<T.Document>(D, 'DisputeLedger', q),
  monthly: (q: T.DisputeMonthlyQuery) => call<T.Document>(D, 'DisputeMonthly', q),
  list: (q: T.DisputeQuery) => call<T.Document>(D, 'DisputeList', q),
}

const Z = 'ZeroReportService'

export const zeroApi = {
  save: (z: T.ZeroReport) => call<T.ZeroReport>(Z, 'Save', z),
  list: (q: T.ZeroListQuery) => call<T.ZeroReport[]>(Z, 'List', q),
  delete: (id: string) => call<void>(Z, 'Delete', id),
}

/** The dispute code tables. */
export const loadDisputeCodes = codesOnce(() => disputeApi.codes())

const MT = 'MeetingService'

export const meetingApi = {
  codes: () => call<T.MeetingCodes>(MT, 'Codes'),
  bodies: () => call<T.MeetingBody[]>(MT, 'Bodies'),
  saveBody: (b: T.MeetingBody) => call<T.MeetingBody>(MT, 'SaveBody', b),
  list: (q: T.MeetingQuery) => call<T.MeetingPage>(MT, 'List', q),
  get: (id: string) => call<T.MeetingView>(MT, 'Get', id),
  getVersion: (q: T.MeetingVersionQuery) => call<T.Meeting>(MT, 'GetVersion', q),
  create: (h: T.MeetingHeader) => call<T.Meeting>(MT, 'Create', h),
  save: (h: T.MeetingHeader) => call<T.Meeting>(MT, 'Save', h),
  setAttendance: (a: T.MeetingAttendanceInput) => call<T.Meeting>(MT, 'SetAttendance', a),
  saveItem: (i: T.MeetingItemInput) => call<T.Meeting>(MT, 'SaveItem', i),
  removeItem: (r: T.MeetingRemoveInput) => call<T.Meeting>(MT, 'RemoveItem', r),
  saveDecision: (d: T.MeetingDecisionInput) => call<T.Meeting>(MT, 'SaveDecision', d),
  removeDecision: (r: T.MeetingRemoveInput) => call<T.Meeting>(MT, 'RemoveDecision', r),
  saveReport: (r: T.MeetingReportInput) => call<T.Meeting>(MT, 'SaveReport', r),
  sign: (s: T.MeetingSignInput) => call<T.Meeting>(MT, 'Sign', s),
  revise: (r: T.MeetingReviseInput) => call<T.Meeting>(MT, 'Revise', r),
  archive: (a: T.MeetingArchiveInput) => call<T.Meeting>(MT, 'Archive', a),
  board: () => call<T.MeetingBoard>(MT, 'Board'),
  addPhotos: (p: T.MeetingPhotoInput) => call<T.Attachment[]>(MT, 'AddPhotos', p),
  minutesPdf: (id: string) => call<T.Document>(MT, 'MinutesPDF', id),
  noticePdf: (id: string) => call<T.Document>(MT, 'NoticePDF', id),
  signInPdf: (id: string) => call<T.Document>(MT, 'SignInPDF', id),
  decisionLedgerPdf: (q: T.DecisionQuery) => call<T.Document>(MT, 'DecisionLedgerPDF', q),
}

/** The meeting code tables. */
export const loadMeetingCodes = codesOnce(() => meetingApi.codes())

const VS = 'VolunteerService'

export const volunteerApi = {
  codes: () => call<T.VolunteerCodes>(VS, 'Codes'),
  board: () => call<T.VolunteerBoard>(VS, 'Board'),
  teams: () => call<T.VolunteerTeam[]>(VS, 'Teams'),
  saveTeam: (t: T.VolunteerTeam) => call<T.VolunteerTeam>(VS, 'SaveTeam', t),
  volunteers: (q: T.VolunteerQuery) => call<T.VolunteerLine[]>(VS, 'Volunteers', q),
  getVolunteer: (id: string) => call<T.VolunteerView>(VS, 'GetVolunteer', id),
  saveVolunteer: (v: T.VolunteerInput) => call<T.Volunteer>(VS, 'SaveVolunteer', v),
  setMembership: (m: T.VolunteerMembershipInput) => call<T.Volunteer>(VS, 'SetMembership', m),
  activities: (q: T.VolunteerActivityQuery) => call<T.VolunteerActivityPage>(VS, 'Activities', q),
  getActivity: (id: string) => call<T.VolunteerActivityView>(VS, 'GetActivity', id),
  planActivity: (a: T.VolunteerActivityInput) => call<T.VolunteerActivity>(VS, 'PlanActivity', a),
  holdActivity: (h: T.VolunteerHoldInput) => call<T.VolunteerActivity>(VS, 'HoldActivity', h),
  setHours: (h: T.VolunteerHoursInput) => call<T.VolunteerActivity>(VS, 'SetHours', h),
  approveActivity: (a: T.VolunteerApproveInput) => call<T.VolunteerActivity>(VS, 'ApproveActivity', a),
  correctHours: (c: T.VolunteerCorrectInput) => call<T.VolunteerActivity>(VS, 'CorrectHours', c),
  archiveActivity: (d: T.VolunteerDateInput) => call<T.VolunteerActivity>(VS, 'ArchiveActivity', d),
  cancelActivity: (d: T.VolunteerDateInput) => call<T.VolunteerActivity>(VS, 'CancelActivity', d),
  issueCertificate: (c: T.VolunteerCertificateInput) => call<T.VolunteerCertificate>(VS, 'IssueCertificate', c),
  certificatePdf: (number: string) => call<T.Document>(VS, 'CertificatePDF', number),
  signInPdf: (id: string) => call<T.Document>(VS, 'SignInPDF', id),
  rosterPdf: (q: T.VolunteerRosterQuery) => call<T.Document>(VS, 'RosterPDF', q),
  activityLedgerPdf: (q: T.VolunteerPeriodQuery) => call<T.Document>(VS, 'ActivityLedgerPDF', q),
  hoursTablePdf: (q: T.VolunteerPeriodQuery) => call<T.Document>(VS, 'HoursTablePDF', q),
}

/** The volunteer code tables. */
export const loadVolunteerCodes = codesOnce(() => volunteerApi.codes())
