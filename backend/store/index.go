package store

import (
	"fmt"

	"github.com/hashicorp/go-memdb"

	"zongzhi/backend/hlc"
	"zongzhi/backend/record"
)

// Row is the slim, domain-neutral index entry of one live record: enough
// to filter and sort lists without reading Badger. Whole records stay in
// Badger (memdb costs ~1.9 KB per row with four indexes).
type Row struct {
	ID       string
	Kind     string
	Parent   string // containing record: a grid's village, an assignment's grid
	Ref      string // second link: an assignment's staff member
	Code     string // readable number or code
	Grid     string
	Status   string
	Category string
	Name     string // display name
	Search   string // lower-case text a search box matches
	Tag      string // one more filter value a kind needs (e.g. a grid's "待定位")
	Start    string // YYYY-MM-DD
	End      string // YYYY-MM-DD, "" = open
	// Show holds the few values a list prints that no lookup needs (not
	// indexed): a page of a county's list is then served without reading
	// Badger.
	Show    []string
	Updated hlc.Timestamp
}

// Indexer maps a live record of its kind to an index row. Domain packages
// supply one per kind so the store knows nothing of the domain.
type Indexer func(*record.Record) (Row, error)

// Index names, each serving one lookup.
const (
	tableRows = "rows"
	// IndexID finds a row by record id.
	IndexID = "id"
	// IndexKind lists every row of a kind (list views).
	IndexKind = "kind"
	// IndexParent lists a kind's rows under a parent (grids of a village,
	// assignments of a grid).
	IndexParent = "parent"
	// IndexRef lists a kind's rows by their second link (assignments of a
	// staff member).
	IndexRef = "ref"
	// IndexCode finds a kind's rows by readable code (uniqueness checks).
	IndexCode = "code"
	// IndexGrid lists a kind's rows in a grid.
	IndexGrid = "grid"
	// IndexStatus lists a kind's rows in a status (boards, filters).
	IndexStatus = "status"
)

// rowField indexes one string field of a Row the way memdb's
// StringFieldIndex does (value + NUL, absent when empty), reading the
// field directly: StringFieldIndex finds it by reflection on every
// insert, which a bulk import does a million times.
type rowField struct{ get func(*Row) string }

var rowFields = map[string]rowField{
	"ID": {func(r *Row) string { return r.ID }}, "Kind": {func(r *Row) string { return r.Kind }},
	"Parent": {func(r *Row) string { return r.Parent }}, "Ref": {func(r *Row) string { return r.Ref }},
	"Code": {func(r *Row) string { return r.Code }}, "Grid": {func(r *Row) string { return r.Grid }},
	"Status": {func(r *Row) string { return r.Status }},
}

func (f rowField) FromObject(obj any) (bool, []byte, error) {
	v := f.get(obj.(*Row))
	if v == "" {
		return false, nil, nil
	}
	return true, append([]byte(v), 0), nil
}

func (f rowField) FromArgs(args ...any) ([]byte, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("must provide only a single argument")
	}
	arg, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("argument must be a string: %#v", args[0])
	}
	return append([]byte(arg), 0), nil
}

func (f rowField) PrefixFromArgs(args ...any) ([]byte, error) {
	val, err := f.FromArgs(args...)
	if err != nil {
		return nil, err
	}
	return val[:len(val)-1], nil
}

func field(name string) rowField {
	f, ok := rowFields[name]
	if !ok {
		panic("store: no index on Row." + name) // programming error
	}
	return f
}

func compound(fields ...string) memdb.Indexer {
	idx := make([]memdb.Indexer, 0, len(fields))
	for _, f := range fields {
		idx = append(idx, field(f))
	}
	// No AllowMissing: a truncated key plus the id suffix memdb appends
	// would match lookups by that id. Rows with an empty field are simply
	// absent from the index.
	return &memdb.CompoundIndex{Indexes: idx}
}

func rowsTable() *memdb.TableSchema {
	return &memdb.TableSchema{
		Name: tableRows,
		Indexes: map[string]*memdb.IndexSchema{
			IndexID:     {Name: IndexID, Unique: true, Indexer: field("ID")},
			IndexKind:   {Name: IndexKind, Indexer: field("Kind")},
			IndexParent: {Name: IndexParent, AllowMissing: true, Indexer: compound("Kind", "Parent")},
			IndexRef:    {Name: IndexRef, AllowMissing: true, Indexer: compound("Kind", "Ref")},
			IndexCode:   {Name: IndexCode, AllowMissing: true, Indexer: compound("Kind", "Code")},
			IndexGrid:   {Name: IndexGrid, AllowMissing: true, Indexer: compound("Kind", "Grid")},
			IndexStatus: {Name: IndexStatus, AllowMissing: true, Indexer: compound("Kind", "Status")},
		},
	}
}

func newIndex() (*memdb.MemDB, error) {
	return memdb.NewMemDB(&memdb.DBSchema{Tables: map[string]*memdb.TableSchema{tableRows: rowsTable()}})
}

// indexRecord replaces the record's row in txn: removed when deleted.
func (s *Store) indexRecord(txn *memdb.Txn, rec *record.Record) error {
	if _, err := txn.DeleteAll(tableRows, IndexID, rec.ID); err != nil {
		return err
	}
	if rec.Deleted() {
		return nil
	}
	row, err := s.rowOf(rec)
	if err != nil {
		return err
	}
	return txn.Insert(tableRows, row)
}

// rowOf is a live record's index row.
func (s *Store) rowOf(rec *record.Record) (*Row, error) {
	ix, ok := s.indexers[rec.Kind]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrNoIndexer, rec.Kind)
	}
	row, err := ix(rec)
	if err != nil {
		return nil, err
	}
	row.ID, row.Kind, row.Updated = rec.ID, rec.Kind, rec.Updated()
	return &row, nil
}

// Rows lists the live rows of an index lookup, e.g.
// Rows(IndexParent, "grid", villageCode). Rows are read-only.
func (s *Store) Rows(index string, args ...any) []*Row {
	txn := s.mem.Txn(false)
	it, err := txn.Get(tableRows, index, args...)
	if err != nil {
		panic(fmt.Sprintf("store: bad index lookup %s%v: %v", index, args, err)) // programming error
	}
	var out []*Row
	for obj := it.Next(); obj != nil; obj = it.Next() {
		out = append(out, obj.(*Row))
	}
	return out
}

// Row finds one live row by id.
func (s *Store) Row(id string) (*Row, bool) {
	obj, err := s.mem.Txn(false).First(tableRows, IndexID, id)
	if err != nil || obj == nil {
		return nil, false
	}
	return obj.(*Row), true
}

// DumpIndex returns every row sorted by id (tests compare it with a fresh
// rebuild).
func (s *Store) DumpIndex() []Row {
	var out []Row
	for _, r := range s.Rows(IndexID) {
		out = append(out, *r)
	}
	return out
}
