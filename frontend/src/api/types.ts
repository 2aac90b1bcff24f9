// Mirrors of the Go JSON types (backend/grid, backend/api, backend/store).

export interface Code {
  code: string
  label: string
}

export interface Codes {
  levels: Code[]
  types: Code[]
  roles: Code[]
  linkObjects: Code[]
  divisionLevels: Code[]
}

export interface Site {
  id: string
  code: string
  name: string
}

export interface Info {
  version: string
  site: Site
  dataDir: string
  schemaVersion: number
  empty: boolean
}

export interface DemoRequest {
  scale: 'township' | 'county'
  seed: number
}

export interface DemoSummary {
  townships: number
  villages: number
  grids: number
  staff: number
  assignments: number
  links: number
  persons: number
  enrollments: number
  visits: number
  items: number
  disputes: number
  zeroReports: number
}

export interface Division {
  code: string
  name: string
  level: 'township' | 'village' | ''
  parent?: string
  validFrom?: string
  validTo?: string
}

export interface Point {
  lng: number
  lat: number
}

export interface Grid {
  id: string
  code: string
  name: string
  village: string
  level: string
  levelName?: string
  type: string
  typeName?: string
  parent?: string
  centre?: Point | null
  boundary?: string
  households?: number
  scope?: string
  note?: string
}

export interface GridQuery {
  text?: string
  village?: string
  level?: string
  type?: string
  located?: '' | 'yes' | 'no'
}

export interface GridSummary {
  id: string
  code: string
  name: string
  village: string
  villageName: string
  level: string
  type: string
  parent?: string
  parentName?: string
  located: boolean
  primary: string
  staffCount: number
}

export interface TreeNode {
  id: string
  kind: 'township' | 'village' | 'grid'
  code: string
  label: string
  children?: TreeNode[]
}

export interface Staff {
  id: string
  name: string
  phone: string
  unit?: string
  role: string
  roleName?: string
  note?: string
}

export interface StaffQuery {
  text?: string
  role?: string
  grid?: string
}

export interface StaffSummary extends Staff {
  grids: string[]
}

export interface Assignment {
  id: string
  grid: string
  staff: string
  role: string
  roleName: string
  primary: boolean
  start: string
  end?: string
  endReason?: string
}

export interface AssignmentView extends Assignment {
  staffName: string
  staffPhone: string
  staffUnit: string
  gridCode: string
  gridName: string
}

export interface AssignInput {
  grid: string
  staff: string
  role: string
  primary: boolean
  start: string
}

export interface EndInput {
  id: string
  end: string
  reason?: string
}

export interface Link {
  id: string
  staff: string
  grid?: string
  object: string
  objectName?: string
  target: string
  address?: string
  start: string
  end?: string
}

export interface GridDetail {
  grid: Grid
  villageName: string
  parentName?: string
  assignments: AssignmentView[]
  children: GridSummary[]
}

export interface StaffDetail {
  staff: Staff
  assignments: AssignmentView[]
  links: Link[]
}

export interface ResponsibleQuery {
  grid: string
  date: string
}

export interface RosterQuery {
  township?: string
  village?: string
  date?: string
}

export interface Document {
  fileName: string
  pages: number
  data: string // base64
  warnings: string[]
}

export interface Peer {
  site: Site
  have: Record<string, number>
  lastHeard: string
}

export interface SyncStatus {
  group: { id: string; name: string } | null
  site: Site
  have: Record<string, number>
  peers: Peer[]
}

export interface ImportCounts {
  applied: number
  duplicate: number
  waiting: number
  clockAhead: number
  gaps: { site: string; from: number; to: number }[] | null
}

export interface SyncReport {
  file: string
  from: Site
  own: boolean
  store: ImportCounts
  conflicts: { kind: string; id: string; field: string }[]
  warnings: string[]
  /** Persons the package registers a second time (same ID number). */
  duplicates: string[]
  /** Photos in the package not yet here. */
  photos: number
}

export interface StickResult {
  reports: SyncReport[]
  written: string
}

export interface ConflictCandidate {
  value: unknown
  shown: string
  site: string
  author: string
  time: string
  winner: boolean
}

export interface ConflictItem {
  kind: string
  kindName: string
  id: string
  label: string
  field: string
  fieldName: string
  critical: boolean
  candidates: ConflictCandidate[]
}

export interface JoinFile {
  fileName: string
  data: string // base64
}

/** A background job (stick exchange, import, long render); P and R are the job's own progress and result. */
export interface JobStatus<P = Step, R = unknown> {
  id: string
  running: boolean
  progress: P
  result?: R
  error?: string
  cancelled: boolean
}

export interface Step {
  done: number
  total: number
  stage?: string
}

export interface StickProgress {
  file: number
  files: number
  name: string
  done: number
  total: number
}

// Excel import

export interface ImportField {
  key: string
  label: string
  synonyms?: string[]
  required: boolean
}

export interface ImportArea {
  key: string
  label: string
  fields: ImportField[]
}

export interface ImportSkip {
  line: number
  reason: string
  text: string
}

export interface ImportSheet {
  sheet: string
  title?: string
  year?: number
  header: number[] | null
  headers: string[] | null
  fields: string[] | null
  unknown: string[]
  missing: string[]
  skipped: ImportSkip[]
  recognised: boolean
  signature: string
  dataRows: number
}

export type ImportAction = 'import' | 'update' | 'duplicate' | 'reject'

export interface ImportCounts {
  read: number
  import: number
  update: number
  duplicate: number
  reject: number
  skipped: number
}

export interface ImportLine {
  sheet: string
  line: number
  values: Record<string, string>
  action: ImportAction
  reason?: string
  note?: string
}

export interface ImportRequest {
  area: string
  fileName: string
  data: string // base64
  year?: number
  mapping?: Record<string, string>
}

export interface ImportPreview {
  token: string
  area: ImportArea
  fileName: string
  sheets: ImportSheet[]
  counts: ImportCounts
  mapping: Record<string, string>
  needsMapping: boolean
  lines: ImportLine[]
  total: number
}

export interface ImportResult {
  counts: ImportCounts
  cancelled: boolean
  rejected: number
}

// Special populations (backend/people, backend/api/people.go)

export interface Person {
  id: string
  idType: string // 111 居民身份证
  idNumber: string
  name: string
  sex: string // 1 男, 2 女
  sexName?: string
  birth: string
  ethnicity?: string
  ethnicName?: string
  phone?: string
  domicile?: string // 户籍地
  address?: string // 现住地
  grid: string
  gridName?: string
  status: string
  statusName?: string
  note?: string
}

export interface SavedPerson {
  person: Person
  warnings: string[]
}

export interface StatusChange {
  date: string
  from: string
  to: string
  reason?: string
  by: string
}

export interface Enrollment {
  id: string
  person: string
  personName: string
  grid: string
  category: string
  categoryName: string
  attention: string // 关注程度
  attentionName: string
  control: string // 管控等级
  controlName: string
  level: string // what the visit cadence follows
  levelName: string
  responsible: string[] // staff ids
  source: string
  sourceName: string
  enrolled: string // 列管日期
  status: string
  statusName: string
  ended?: string
  endReason?: string
  details?: Record<string, string>
  detailNames?: Record<string, string>
  history?: StatusChange[]
}

export interface EnrollInput {
  id?: string
  person: string
  category: string
  attention: string
  control: string
  responsible: string[]
  source: string
  enrolled: string
  details: Record<string, string>
}

export interface StatusInput {
  id: string
  status: string
  date: string
  reason: string
}

export interface VisitInput {
  id?: string
  enrollment: string
  planned?: string
  date: string
  method: string
  visitors: string[]
  behaviour: string
  measures?: string
  assessed?: string
  photos?: PhotoUpload[]
}

export interface PhotoUpload {
  name: string
  data: string // base64
  caption?: string
}

export interface Attachment {
  id: string
  owner: string
  ownerKind: string
  blob: string
  name: string
  mime: string
  size: number
  width: number
  height: number
  caption?: string
  role?: string // before | after (整改前/后)
  added: string
}

export interface Photo extends Attachment {
  data?: string // base64; absent while the bytes have not arrived by sync
  missing: boolean
}

export interface Snapshot {
  attention: string
  attentionName: string
  control: string
  controlName: string
  level: string
  levelName: string
  status: string
  statusName: string
}

export interface Visit {
  id: string
  enrollment: string
  person: string
  grid: string
  planned?: string
  date: string // "" while only planned
  method: string
  methodName: string
  visitors: string[]
  visitorNames: string[]
  behaviour: string
  measures?: string
  snapshot: Snapshot
  followUp?: string
}

export interface Reveal {
  id: string
  person: string
  by: string
  at: string // RFC 3339
  reason: string
  fields: string
}

export interface RevealRequest {
  person: string
  reason: string
}

export interface Revealed {
  idNumber: string
  phone: string
}

export interface EnrollmentView extends Enrollment {
  responsibleNames: string[]
  next?: string
  overdueDays: number
  dueReason?: string
}

export interface PersonDetail {
  person: Person // idNumber and phone masked
  age: number
  minor: boolean
  enrollments: EnrollmentView[]
  visits: (Visit & { photos: Attachment[] })[] // newest first
  reveals: Reveal[]
}

export interface PeopleQuery {
  text?: string
  category?: string
  grid?: string
  village?: string
  status?: string // '' all, 'active' 在管/脱管/漏管, or a status code
  offset?: number
  limit?: number
}

export interface PersonLine {
  id: string
  name: string
  idMasked: string
  sexName: string
  age: number
  minor: boolean
  gridName: string
  categories: string[] | null
  statusName: string
}

export interface PeoplePage {
  lines: PersonLine[]
  total: number
}

export interface BoardQuery {
  staff?: string
  village?: string
  grid?: string
  category?: string
  limit?: number
}

export interface BoardLine {
  enrollment: string
  person: string
  name: string
  grid: string
  gridName: string
  category: string
  categoryName: string
  status: string
  responsible: string[] // names
  last: string
  next: string
  overdueDays: number
  reason: string
  checks?: string[]
}

export interface StaffLoad {
  staff: string
  name: string
  overdue: number
  dueThisWeek: number
}

export interface Board {
  today: string
  active: number
  overdue: BoardLine[]
  dueThisWeek: BoardLine[]
  checks: BoardLine[]
  counts: { overdue: number; dueThisWeek: number; checks: number }
  byStaff: StaffLoad[]
}

export interface Detail {
  key: string
  label: string
  kind: 'code' | 'codes' | 'date' | 'text' | 'bool'
  table?: Code[]
  level?: boolean
}

export interface PeopleCodes {
  categories: Code[]
  attention: Code[]
  control: Code[]
  sources: Code[]
  statuses: Code[]
  personStatuses: Code[]
  sexes: Code[]
  idTypes: Code[]
  methods: Code[]
  ethnicities: Code[]
  details: Record<string, Detail[]>
  transitions: Record<string, string[]>
}

export interface VisitsQuery {
  from: string
  to: string
  category?: string
  village?: string
  grid?: string
}

export interface VisitLine extends Visit {
  name: string
  idMasked: string
  categoryName: string
  gridName: string
}

export interface SpecialRosterQuery {
  category?: string
  village?: string
  grid?: string
  public?: boolean
}

export interface DuplicatePerson {
  id: string
  name: string
  gridName: string
  phone: string
  enrollments: number
  visits: number
}

export interface DuplicateGroup {
  idMasked: string
  persons: DuplicatePerson[]
}

export interface MergeInput {
  keep: string
  drop: string
}

// Settings: editable code tables and the visit cadence.

export interface DictTable {
  name: string
  title: string
  privacy?: boolean
  codeHint: string
}

export interface DictEntry {
  code: string
  label: string
  shipped: boolean
  original?: string
  disabled?: boolean
  private?: boolean
}

export interface EntryInput {
  table: string
  code: string
  label: string
  disabled: boolean
  private: boolean
  new: boolean
}

export interface Interval {
  n: number
  unit: 'day' | 'week' | 'month'
}

export interface CadenceRule {
  key: string
  category: string
  categoryName: string
  levels?: string[]
  every: Interval
  minPerYear: number
  label: string
  applies: string
  shipped?: { every: Interval; minPerYear?: number; label: string }
  changed: boolean
}

export interface CadenceInput {
  key?: string
  category?: string
  every: Interval
  minPerYear: number
  reset?: boolean
}

/** One year's 放假调休 schedule (工作日历). */
export interface WorkdayYear {
  year: number
  /** Every day off, YYYY-MM-DD, weekend days inside a holiday block included. */
  holidays: string[]
  /** 调休 make-up working days (weekend days worked). */
  workdays: string[]
  note?: string
  shipped: boolean
  edited: boolean
}

// 整改台账 (backend/ledger)

export interface LedgerAction {
  code: string
  label: string
  from: string[] | null
  to?: string
}

export interface LedgerCodes {
  statuses: Code[]
  levels: Code[]
  sources: Code[]
  categories: Code[]
  units: Code[]
  actions: LedgerAction[]
}

export interface LedgerStep {
  id: string
  at: string
  date: string
  by: string
  staff?: string
  action: string
  label: string
  from?: string
  to?: string
  note?: string
}

export interface LedgerExtension {
  requested: string
  by: string
  byName: string
  deadline: string
  reason: string
}

export interface LedgerItem {
  id: string
  number: string
  source: string
  sourceName: string
  category: string
  categoryName: string
  level: string
  levelName: string
  place: string
  grid: string
  gridName: string
  found: string
  reporter: string
  description: string
  project: string
  measures: string
  funds: string
  responsible: string
  responsibleName: string
  deadline: string
  deadlineRule: string
  reviewer: string
  reviewerName: string
  unit: string
  unitName: string
  coUnits: string[] | null
  coUnitNames: string[] | null
  dispatcher: string
  dispatcherName: string
  done: string
  finished: string
  verifier: string
  verifierName: string
  opinion: string
  verified: string
  closed: string
  status: string
  statusName: string
  endReason: string
  extension: LedgerExtension | null
  followUp: string
  remark: string
}

export interface LedgerItemView extends LedgerItem {
  steps: LedgerStep[] | null
  overdue: boolean
  overdueDays: number
  photos: Attachment[]
  next: string[]
}

/** A row of the on-screen list (served from memory; description cut short). */
export interface LedgerLine {
  id: string
  number: string
  found: string
  place: string
  description: string
  project: string
  category: string
  categoryName: string
  sourceName: string
  level: string
  grid: string
  gridName: string
  unit: string
  unitName: string
  responsibleName: string
  deadline: string
  closed: string
  status: string
  statusName: string
  overdue: boolean
  overdueDays: number
}

export interface LedgerQuery {
  status?: string
  unit?: string
  grid?: string
  village?: string
  category?: string
  from?: string
  to?: string
  text?: string
  offset?: number
  limit?: number
}

export interface LedgerPage {
  lines: LedgerLine[]
  total: number
}

export interface LedgerCounts {
  byStatus: Record<string, number>
  open: number
  overdue: number
}

export interface LedgerItemInput {
  id?: string
  source: string
  category: string
  level: string
  place: string
  grid: string
  found: string
  reporter?: string
  description: string
  remark?: string
  followUp?: string // "visit/<id>": raised by a visit (走访发现)
  photos?: PhotoUpload[]
}

export interface LedgerAssignInput {
  id: string
  date?: string
  dispatcher: string
  unit: string
  coUnits?: string[]
  responsible: string
  reviewer: string
  project: string
  measures: string
  funds?: string
  deadline?: string
  deadlineDays?: number
  workingDays?: boolean
  note?: string
}

export interface LedgerSaved {
  item: LedgerItem
  warnings: string[]
}

export interface LedgerActInput {
  id: string
  action: string
  staff?: string
  date?: string
  note?: string
  done?: string
  deadline?: string
  photos?: PhotoUpload[]
}

export interface LedgerRates {
  key: string
  label: string
  total: number
  closed: number
  onTime: number
  overdue: number
  overdueDone: number
  closedRate: number
  onTimeRate: number
  filter: LedgerQuery
  overdueQuery: LedgerQuery
}

export interface LedgerStatsQuery {
  from: string
  to: string
  group: 'month' | 'quarter' | 'year' | 'grid' | 'unit'
  unit?: string
  grid?: string
}

export interface LedgerStats {
  buckets: LedgerRates[]
  total: LedgerRates
}

export interface LedgerPrint {
  period?: string
  query: LedgerQuery
}

// 矛盾纠纷排查化解 (backend/dispute). Parties' ID numbers and phones come
// back masked; sending a masked value back keeps the stored one.

export interface DisputeParty {
  name: string
  idNumber: string
  phone: string
  role: string
  roleName?: string
}

export interface DisputeEntry {
  id: string
  date: string
  mediator: string
  mediatorName: string
  content: string
  by: string
  at: string
}

export interface DisputeStatusChange {
  id: string
  at: string
  by: string
  from: string
  fromName: string
  to: string
  toName: string
  note: string
}

export interface DisputeVisit {
  date: string
  by: string
  byName: string
  satisfaction: string
  satisfactionName: string
  note: string
}

export interface Dispute {
  id: string
  number: string
  name: string
  date: string
  place: string
  grid: string
  gridName: string
  scale: string
  scaleName: string
  category: string
  categoryName: string
  source: string
  sourceName: string
  parties: DisputeParty[]
  involved: number
  description: string
  deadline: string
  method: string
  methodName: string
  organisation: string
  mediator: string
  mediatorName: string
  status: string
  statusName: string
  accepted: string
  declined: string
  result: string
  resultName: string
  resultDate: string
  channel: string
  channelName: string
  agreement: string
  agreementName: string
  amount: number
  visit: DisputeVisit
  archived: string
  records: DisputeEntry[] | null
  log: DisputeStatusChange[] | null
}

export interface DisputeInput {
  id?: string
  name: string
  date: string
  place: string
  grid: string
  scale: string
  category: string
  source: string
  parties: DisputeParty[]
  involved: number
  description: string
  deadline: string
  method: string
  organisation: string
  mediator: string
  mediatorName: string
}

export interface DisputeQuery {
  /** a status, or "open" = not yet resulted */
  status?: string
  category?: string
  grid?: string
  village?: string
  from?: string
  to?: string
  text?: string
  overdue?: boolean
  offset?: number
  limit?: number
}

export interface DisputeLine {
  id: string
  number: string
  name: string
  date: string
  categoryName: string
  scaleName: string
  gridName: string
  /** 张三（申请人，530521********1234）、李四（被申请人） */
  parties: string
  involved: number
  mediatorName: string
  status: string
  statusName: string
  resultName: string
  deadline: string
  overdue: boolean
}

export interface DisputePage {
  lines: DisputeLine[]
  total: number
  counts: Record<string, number>
}

export interface DisputeCodes {
  categories: Code[]
  sources: Code[]
  methods: Code[]
  scales: Code[]
  roles: Code[]
  results: Code[]
  channels: Code[]
  agreements: Code[]
  satisfactions: Code[]
  statuses: Code[]
  transitions: Record<string, string[]>
}

export interface DisputeAcceptInput {
  id: string
  date: string
  method: string
  organisation: string
  mediator: string
  mediatorName: string
  deadline: string
  note: string
}

export interface DisputeDeclineInput {
  id: string
  date: string
  reason: string
}

export interface DisputeEntryInput {
  dispute: string
  date: string
  mediator: string
  mediatorName: string
  content: string
}

export interface DisputeResultInput {
  id: string
  date: string
  result: string
  agreement: string
  amount: number
  channel: string
  note: string
}

export interface DisputeVisitInput {
  id: string
  date: string
  by: string
  byName: string
  satisfaction: string
  note: string
}

export interface DisputeArchiveInput {
  id: string
  date: string
  note: string
}

export interface DisputeMonthlyQuery {
  month: string
  grid?: string
  village?: string
}

// 零报告 (backend/zeroreport): an area found nothing in a month.
export type ZeroArea = 'dispute' | 'rectification'

export interface ZeroReport {
  id?: string
  area: ZeroArea
  areaName?: string
  /** YYYY-MM */
  period: string
  /** "" = the whole township; a grid id or a division code */
  scope: string
  scopeName?: string
  reporter: string
  date: string
  note: string
  /** items the area holds now for the month and scope (registered afterwards) */
  items?: number
}

export interface ZeroListQuery {
  area: ZeroArea
  year: number
}
